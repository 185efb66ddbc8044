package dev.klaxon.outbox;

/** Where an outbox event is in its life. Stored as the lower-case name so the file is readable with sqlite3. */
public enum EventState {
    /** Committed, waiting for (or between) attempts. */
    PENDING,
    /** PagerDuty answered 202. */
    DELIVERED,
    /** PagerDuty refused it for good (400 or another 4xx); only a person re-sends it ({@link Outbox#requeue}). */
    DEAD_LETTER,
    /** Team mode: not sent by this member, for the reason in its last message (fenced, or handed to the sender). */
    SUPERSEDED;

    String column() {
        return switch (this) {
            case PENDING -> "pending";
            case DELIVERED -> "delivered";
            case DEAD_LETTER -> "dead";
            case SUPERSEDED -> "superseded";
        };
    }

    static EventState fromColumn(String value) {
        return switch (value) {
            case "pending" -> PENDING;
            case "delivered" -> DELIVERED;
            case "dead" -> DEAD_LETTER;
            case "superseded" -> SUPERSEDED;
            default -> throw new IllegalStateException("unknown outbox state in database: " + value);
        };
    }
}
