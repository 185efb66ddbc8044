package dev.klaxon.route;

import java.util.Locale;
import java.util.Optional;

/** What a matching route does with a message. */
public enum RouteAction {
    PAGE, LOG, DROP;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RouteAction> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "page" -> Optional.of(PAGE);
            case "log" -> Optional.of(LOG);
            case "drop" -> Optional.of(DROP);
            default -> Optional.empty();
        };
    }
}
