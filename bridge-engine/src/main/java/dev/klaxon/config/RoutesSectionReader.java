package dev.klaxon.config;

import dev.klaxon.message.Severity;
import dev.klaxon.route.DedupKeyTemplate;
import dev.klaxon.route.RouteAction;
import dev.klaxon.route.RouteRule;
import dev.klaxon.route.SubjectPattern;
import dev.klaxon.secret.SecretRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the {@code routes:} list into rules, in order; a missing list means no rules. */
final class RoutesSectionReader {

    static final Set<String> RULE_KEYS = Set.of("match", "action", "shadow", "continue", "routing_key_env",
            "routing_key_file", "severity", "dedup_key", "require_signature");
    private static final Set<String> SIGNATURE_KEYS = Set.of("secret_env", "secret_file");
    static final Set<String> LITERAL_SECRETS = Set.of("routing_key");

    private static final String ACTIONS = "page, change, log or drop";

    private final ConfigErrors errors;
    private final FileReferences files;

    RoutesSectionReader(ConfigErrors errors, FileReferences files) {
        this.errors = errors;
        this.files = files;
    }

    List<RouteRule> read(YamlMap top) {
        List<RouteRule> rules = new ArrayList<>();
        top.list("routes", "a list of rules").ifPresent(list -> {
            List<Node> entries = list.getValue();
            for (int index = 0; index < entries.size(); index++) {
                rule(index, entries.get(index)).ifPresent(rules::add);
            }
        });
        return rules;
    }

    private Optional<RouteRule> rule(int index, Node entry) {
        String path = "routes[" + index + "]";
        if (!(entry instanceof MappingNode mapping) || !NodeKind.isMapping(entry)) {
            errors.add(path, "expected a rule (a mapping with match and action), got " + NodeKind.describe(entry),
                    entry);
            return Optional.empty();
        }
        YamlMap rule = new YamlMap(mapping, path, RULE_KEYS, LITERAL_SECRETS, errors);
        int line = rule.line();

        Optional<SubjectPattern> match = rule.parsed("match", "a subject pattern", SubjectPattern::compile)
                .map(Located::value);
        if (!rule.has("match")) {
            errors.add(rule.pathOf("match"), "required; a subject pattern such as \"alerts.prod.>\"", line);
        }
        Optional<RouteAction> action = rule.parsed("action", ACTIONS, RoutesSectionReader::action)
                .map(Located::value);
        if (!rule.has("action")) {
            errors.add(rule.pathOf("action"), "required; one of " + ACTIONS, line);
        }
        boolean shadow = rule.bool("shadow").map(Located::value).orElse(false);
        boolean continueMatching = rule.bool("continue").map(Located::value).orElse(false);
        boolean routingKeyGiven = rule.has("routing_key_env") || rule.has("routing_key_file");
        Optional<SecretRef> routingKey = files.secret(rule, "routing_key").map(Located::value);
        Optional<Severity> severity = rule.parsed("severity", "a severity", RoutesSectionReader::severity)
                .map(Located::value);
        Optional<DedupKeyTemplate> dedupKey = rule.parsed("dedup_key", "a template", DedupKeyTemplate::compile)
                .map(Located::value);
        SecretRef signatureSecret = signatureSecret(rule).orElse(null);

        if (action.filter(RouteAction::sendsEvent).isPresent() && !shadow && !routingKeyGiven) {
            errors.add(path, "action " + action.get().wire() + " needs routing_key_env or routing_key_file (or shadow: true, which renders "
                    + "the event but never sends it)", line);
        }
        if (match.isEmpty() || action.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RouteRule(index, line, match.get(), action.get(), shadow, continueMatching,
                routingKey.orElse(null), severity.orElse(null), dedupKey.orElse(null), signatureSecret));
    }

    /** {@code require_signature: { secret_env: NAME }} (or {@code secret_file}). */
    private Optional<SecretRef> signatureSecret(YamlMap rule) {
        Optional<YamlMap> section = rule.mapping("require_signature", SIGNATURE_KEYS, Set.of("secret"));
        if (section.isEmpty()) {
            return Optional.empty();
        }
        Optional<SecretRef> secret = files.secret(section.get(), "secret").map(Located::value);
        if (secret.isEmpty() && !section.get().has("secret_env") && !section.get().has("secret_file")) {
            errors.add(section.get().path(), "needs secret_env or secret_file: where the publishers' shared HMAC "
                    + "secret comes from", section.get().line());
        }
        return secret;
    }

    private static RouteAction action(String text) {
        return RouteAction.parse(text).orElseThrow(() ->
                new IllegalArgumentException("expected " + ACTIONS + ", got \"" + text + "\""));
    }

    private static Severity severity(String text) {
        return Severity.parse(text).orElseThrow(() -> new IllegalArgumentException("unknown severity \"" + text
                + "\"; expected critical, error, warning or info (aliases such as fatal, warn or p1 work too)"));
    }
}
