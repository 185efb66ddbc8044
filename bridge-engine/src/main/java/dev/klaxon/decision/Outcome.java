package dev.klaxon.decision;

import java.util.Locale;

/**
 * What finally happened to one message. Every received message gets exactly one, so per subject: received =
 * forwarded + shadowed + logged + dropped + rejected + silenced + deduplicated + held + inhibited.
 */
public enum Outcome {
    FORWARDED, SHADOWED, LOGGED, DROPPED, REJECTED,
    /** A page rule matched, but an active silence holds the trigger back. */
    SILENCED,
    /** A repeated trigger of a dedup_key already sent within {@code guards.dedup_window}. */
    DEDUPLICATED,
    /** Held back because its subject is in flood state; a coalesced event stands for it. */
    HELD,
    /** Held back by {@code guards.inhibit} while a wider alert fires. */
    INHIBITED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
