package dev.klaxon.guard;

import java.util.Locale;

public enum SilenceState {
    PENDING, ACTIVE, EXPIRED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
