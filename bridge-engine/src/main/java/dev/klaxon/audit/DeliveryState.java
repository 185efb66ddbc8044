package dev.klaxon.audit;

import java.util.Locale;

/** How a forwarded event ended. Stored as its lower-case label so the column reads well in exports. */
public enum DeliveryState {
    DELIVERED, DEAD_LETTER, SHADOW;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryState fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
