package dev.klaxon.message;

import java.util.Locale;
import java.util.Optional;

/** The Events API v2 {@code event_action} of an alert message. */
public enum EventAction {
    TRIGGER, ACKNOWLEDGE, RESOLVE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EventAction> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "trigger" -> Optional.of(TRIGGER);
            case "acknowledge", "ack" -> Optional.of(ACKNOWLEDGE);
            case "resolve", "resolved" -> Optional.of(RESOLVE);
            default -> Optional.empty();
        };
    }
}
