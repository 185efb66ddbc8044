package dev.klaxon.decision;

import java.util.Locale;

/** What finally happened to one message. Every received message gets exactly one. */
public enum Outcome {
    FORWARDED, SHADOWED, LOGGED, DROPPED, REJECTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
