package dev.klaxon.outbox;

/** What the sender concluded from one attempt. */
public enum AttemptOutcome {
    DELIVERED,
    RETRY,
    DEAD_LETTER,
    /** Not sent: team mode fenced it (a newer event of its key went out, or another member sends). */
    SUPERSEDED;

    static AttemptOutcome fromColumn(String value) {
        return valueOf(value);
    }
}
