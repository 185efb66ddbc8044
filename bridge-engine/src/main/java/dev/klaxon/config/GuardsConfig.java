package dev.klaxon.config;

import java.time.Duration;

/** The {@code guards:} section. Flood thresholds are null when not configured. */
public record GuardsConfig(Duration dedupWindow, RateLimit floodPerSubject, RateLimit floodPerRoutingKey) {
    public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofMinutes(5);

    public static GuardsConfig defaults() {
        return new GuardsConfig(DEFAULT_DEDUP_WINDOW, null, null);
    }
}
