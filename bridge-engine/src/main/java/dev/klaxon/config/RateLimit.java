package dev.klaxon.config;

import java.time.Duration;

/** A threshold such as {@code 30/1m}: {@code count} events per {@code window}. */
public record RateLimit(long count, Duration window) {
    public RateLimit {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive");
        }
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window must be positive");
        }
    }
}
