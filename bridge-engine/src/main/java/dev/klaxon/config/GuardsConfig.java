package dev.klaxon.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code guards:} section. Flood thresholds are null when not configured.
 *
 * @param shadowAll {@code shadow: true}: every route behaves as if it had {@code shadow: true}; nothing is sent
 */
public record GuardsConfig(Duration dedupWindow, RateLimit floodPerSubject, RateLimit floodPerRoutingKey,
                           boolean shadowAll, List<InhibitRule> inhibit) {
    public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofMinutes(5);

    public GuardsConfig {
        inhibit = inhibit == null ? List.of() : List.copyOf(inhibit);
    }

    public static GuardsConfig defaults() {
        return new GuardsConfig(DEFAULT_DEDUP_WINDOW, null, null, false, List.of());
    }
}
