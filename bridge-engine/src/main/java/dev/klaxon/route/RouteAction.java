package dev.klaxon.route;

import java.util.Locale;
import java.util.Optional;

/** What a matching route does with a message. */
public enum RouteAction {
    /** An alert event (trigger, acknowledge, resolve): opens and updates incidents. */
    PAGE,
    /** A change event (a deploy, a config push): shown beside incidents, pages no one. */
    CHANGE,
    LOG,
    DROP;

    /** Made once: the live tail names the action of every message it keeps. */
    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
        return wire;
    }

    /** True for the actions that produce an event for PagerDuty, and so need a routing key and a rendered body. */
    public boolean sendsEvent() {
        return this == PAGE || this == CHANGE;
    }

    public static Optional<RouteAction> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "page" -> Optional.of(PAGE);
            case "change" -> Optional.of(CHANGE);
            case "log" -> Optional.of(LOG);
            case "drop" -> Optional.of(DROP);
            default -> Optional.empty();
        };
    }
}
