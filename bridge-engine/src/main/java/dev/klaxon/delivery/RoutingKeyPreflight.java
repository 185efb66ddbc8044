package dev.klaxon.delivery;

import dev.klaxon.config.ConfigError;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.route.RouteAction;
import dev.klaxon.route.RouteRule;
import dev.klaxon.secret.SecretRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Checks, before the bridge starts, that every live page and change route can read a plausible routing key, and
 * that every route requiring signatures can read its secret. Loading a config never reads secrets (so
 * {@code rules test} works without them); starting to page does, and fails early with the key and line rather than
 * dead-lettering the first real incident or refusing every signed message.
 */
public final class RoutingKeyPreflight {
    /** PagerDuty integration keys are 32 characters. */
    public static final int ROUTING_KEY_LENGTH = 32;
    /** Global and service event ruleset keys start with R; change events cannot go to them (FACTS.md section 2). */
    private static final String RULESET_KEY_PREFIX = "R";

    private RoutingKeyPreflight() {
    }

    /** The problems found, each naming the route's key and line; empty when every live page route can send. */
    public static List<ConfigError> check(KlaxonConfig config, UnaryOperator<String> environment) {
        List<ConfigError> problems = new ArrayList<>();
        for (RouteRule rule : config.routes()) {
            signatureSecret(rule, environment).ifPresent(problems::add);
        }
        for (RouteRule rule : config.routes()) {
            if (!rule.action().sendsEvent() || rule.shadow() || rule.routingKey() == null) {
                continue;
            }
            SecretRef ref = rule.routingKey();
            String path = "routes[" + rule.index() + "]."
                    + (ref.source() == SecretRef.Source.ENV ? "routing_key_env" : "routing_key_file");
            try {
                String key = ref.resolve(environment);
                if (key.length() != ROUTING_KEY_LENGTH) {
                    problems.add(new ConfigError(path, "the routing key is " + key.length() + " characters; PagerDuty "
                            + "integration keys are " + ROUTING_KEY_LENGTH, rule.line()));
                } else if (rule.action() == RouteAction.CHANGE && key.startsWith(RULESET_KEY_PREFIX)) {
                    problems.add(new ConfigError(path, "this looks like an event ruleset key (it starts with \""
                            + RULESET_KEY_PREFIX + "\"); PagerDuty refuses change events sent to ruleset keys: use a "
                            + "service's integration key", rule.line()));
                }
            } catch (SecretRef.SecretUnavailableException e) {
                problems.add(new ConfigError(path, e.getMessage(), rule.line()));
            }
        }
        return problems;
    }

    /** A route that requires signatures must be able to read its secret, or it would refuse every message. */
    private static Optional<ConfigError> signatureSecret(RouteRule rule, UnaryOperator<String> environment) {
        SecretRef ref = rule.signatureSecret();
        if (ref == null) {
            return Optional.empty();
        }
        String path = "routes[" + rule.index() + "].require_signature."
                + (ref.source() == SecretRef.Source.ENV ? "secret_env" : "secret_file");
        try {
            if (ref.resolve(environment).isEmpty()) {
                return Optional.of(new ConfigError(path, "the signature secret is empty", rule.line()));
            }
            return Optional.empty();
        } catch (SecretRef.SecretUnavailableException e) {
            return Optional.of(new ConfigError(path, e.getMessage(), rule.line()));
        }
    }
}
