package dev.klaxon.config;

import dev.klaxon.message.Severity;
import java.time.Duration;
import java.util.List;

/**
 * The {@code guards:} section. Flood thresholds are null when not configured.
 *
 * @param floodGlobal      across all subjects: past it, triggers below {@code floodGlobalBelow} are held for review
 * @param shadowAll        {@code shadow: true}: every route behaves as if it had {@code shadow: true}
 */
public record GuardsConfig(Duration dedupWindow, RateLimit floodPerSubject, RateLimit floodPerRoutingKey,
                           RateLimit floodGlobal, Severity floodGlobalBelow, boolean shadowAll,
                           List<InhibitRule> inhibit) {
    public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofMinutes(5);

    public GuardsConfig {
        inhibit = inhibit == null ? List.of() : List.copyOf(inhibit);
        floodGlobalBelow = floodGlobalBelow == null ? Severity.CRITICAL : floodGlobalBelow;
    }

    public static GuardsConfig defaults() {
        return new GuardsConfig(DEFAULT_DEDUP_WINDOW, null, null, null, Severity.CRITICAL, false, List.of());
    }
}
