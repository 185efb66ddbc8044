package dev.klaxon.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code guards:} section. */
final class GuardsSectionReader {

    static final Set<String> KEYS = Set.of("dedup_window", "flood");
    private static final Set<String> FLOOD_KEYS = Set.of("per_subject", "per_routing_key");

    private GuardsSectionReader() {
    }

    static GuardsConfig read(Optional<YamlMap> section) {
        if (section.isEmpty()) {
            return GuardsConfig.defaults();
        }
        YamlMap guards = section.get();
        Optional<YamlMap> flood = guards.mapping("flood", FLOOD_KEYS);
        return new GuardsConfig(
                guards.parsed("dedup_window", DurationText.EXPECTED, GuardsSectionReader::positiveDuration)
                        .map(Located::value).orElse(GuardsConfig.DEFAULT_DEDUP_WINDOW),
                flood.flatMap(f -> rate(f, "per_subject")).orElse(null),
                flood.flatMap(f -> rate(f, "per_routing_key")).orElse(null));
    }

    private static Optional<RateLimit> rate(YamlMap flood, String key) {
        return flood.parsed(key, RateLimitText.EXPECTED, RateLimitText::parse).map(Located::value);
    }

    private static Duration positiveDuration(String text) {
        Duration duration = DurationText.parse(text);
        if (duration.isZero()) {
            throw new IllegalArgumentException("must be longer than 0, got \"" + text + "\"");
        }
        return duration;
    }
}
