package dev.klaxon.audit;

import java.util.Locale;

/** How a forwarded event ended. Stored as its lower-case label so the column reads well in exports. */
public enum DeliveryState {
    DELIVERED, DEAD_LETTER, SHADOW,
    /** Team mode: not sent, because a newer event of its dedup_key went out or another member is the sender. */
    SUPERSEDED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryState fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
