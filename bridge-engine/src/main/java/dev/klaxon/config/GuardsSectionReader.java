package dev.klaxon.config;

import dev.klaxon.message.Severity;
import dev.klaxon.route.SubjectPattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the {@code guards:} section. */
final class GuardsSectionReader {

    static final Set<String> KEYS = Set.of("dedup_window", "flood", "shadow", "inhibit");
    private static final Set<String> FLOOD_KEYS = Set.of("per_subject", "per_routing_key", "global",
            "global_below");
    private static final Set<String> INHIBIT_KEYS = Set.of("while", "hold", "below");

    private final ConfigErrors errors;

    GuardsSectionReader(ConfigErrors errors) {
        this.errors = errors;
    }

    GuardsConfig read(Optional<YamlMap> section) {
        if (section.isEmpty()) {
            return GuardsConfig.defaults();
        }
        YamlMap guards = section.get();
        Optional<YamlMap> flood = guards.mapping("flood", FLOOD_KEYS);
        return new GuardsConfig(
                guards.parsed("dedup_window", DurationText.EXPECTED, GuardsSectionReader::positiveDuration)
                        .map(Located::value).orElse(GuardsConfig.DEFAULT_DEDUP_WINDOW),
                flood.flatMap(f -> rate(f, "per_subject")).orElse(null),
                flood.flatMap(f -> rate(f, "per_routing_key")).orElse(null),
                flood.flatMap(f -> rate(f, "global")).orElse(null),
                flood.flatMap(f -> f.parsed("global_below", "a severity", GuardsSectionReader::severity))
                        .map(Located::value).orElse(Severity.CRITICAL),
                guards.bool("shadow").map(Located::value).orElse(false),
                inhibit(guards));
    }

    private List<InhibitRule> inhibit(YamlMap guards) {
        List<InhibitRule> rules = new ArrayList<>();
        guards.list("inhibit", "a list of inhibit rules").ifPresent(list -> {
            List<Node> entries = list.getValue();
            for (int index = 0; index < entries.size(); index++) {
                inhibitRule(guards.pathOf("inhibit") + "[" + index + "]", index, entries.get(index))
                        .ifPresent(rules::add);
            }
        });
        return rules;
    }

    private Optional<InhibitRule> inhibitRule(String path, int index, Node entry) {
        if (!(entry instanceof MappingNode mapping) || !NodeKind.isMapping(entry)) {
            errors.add(path, "expected an inhibit rule (a mapping with while, hold and below), got "
                    + NodeKind.describe(entry), entry);
            return Optional.empty();
        }
        YamlMap rule = new YamlMap(mapping, path, INHIBIT_KEYS, errors);
        Optional<SubjectPattern> whilePattern = rule.parsed("while", "a subject pattern", SubjectPattern::compile)
                .map(Located::value);
        Optional<SubjectPattern> holdPattern = rule.parsed("hold", "a subject pattern", SubjectPattern::compile)
                .map(Located::value);
        for (String key : List.of("while", "hold")) {
            if (!rule.has(key)) {
                errors.add(rule.pathOf(key), "required; a subject pattern such as \"alerts.prod.dc1.>\"",
                        rule.line());
            }
        }
        Severity below = rule.parsed("below", "a severity", GuardsSectionReader::severity)
                .map(Located::value).orElse(Severity.CRITICAL);
        if (whilePattern.isEmpty() || holdPattern.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new InhibitRule(index, rule.line(), whilePattern.get(), holdPattern.get(), below));
    }

    private static Severity severity(String text) {
        return Severity.parse(text).orElseThrow(() -> new IllegalArgumentException("unknown severity \"" + text
                + "\"; expected critical, error, warning or info"));
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
