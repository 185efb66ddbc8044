package dev.klaxon.pagerduty;

import java.util.Objects;

/**
 * An Events API v2 integration key, resolved from its secret reference just before sending. A type of its own so
 * that printing, logging or putting it in an outcome shows a mask, never the key: only {@link #reveal()} gives the
 * value, and only the client calls it, to build the request body.
 */
public record RoutingKey(String value) {
    /** What PagerDuty issues; checked at config load, not here, so a wrong key still reaches PagerDuty's 400. */
    public static final int PAGERDUTY_LENGTH = 32;
    static final String MASK = "********";

    public RoutingKey {
        Objects.requireNonNull(value, "routing key");
        if (value.isBlank()) {
            throw new IllegalArgumentException("routing key is blank");
        }
    }

    public static RoutingKey of(String value) {
        return new RoutingKey(value);
    }

    /** The secret itself. Callers put it in a request body and nowhere else. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "RoutingKey[" + MASK + "]";
    }
}
