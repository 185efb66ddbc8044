package dev.klaxon.config;

import dev.klaxon.route.RouteRule;
import java.nio.file.Path;
import java.util.List;

/** A whole, validated configuration. Immutable; {@code source} is the file it was read from (null if built in code). */
public record KlaxonConfig(
        NatsConfig nats,
        PagerDutyConfig pagerduty,
        StorageConfig storage,
        List<RouteRule> routes,
        GuardsConfig guards,
        Path source) {
    public KlaxonConfig {
        routes = List.copyOf(routes);
    }
}
