package dev.klaxon.outbox;

/** What the sender concluded from one attempt. */
public enum AttemptOutcome {
    DELIVERED,
    RETRY,
    DEAD_LETTER;

    static AttemptOutcome fromColumn(String value) {
        return valueOf(value);
    }
}
