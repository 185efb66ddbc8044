package dev.klaxon.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.route.RouteAction;
import dev.klaxon.route.RouteRule;
import java.util.List;

/**
 * One route that matched a message and what it produced.
 *
 * @param eventBody   for page rules, the exact Events v2 body (routing key masked); null otherwise
 * @param adjustments limits applied while rendering (summary truncated, dedup_key hashed, ...)
 * @param rule        the rule itself: carried with the hit so what follows (guards, outbox, held triggers) acts on the
 *                    rule that decided, even when a config reload has changed the rules since
 */
public record RuleHit(int ruleIndex, String ruleLabel, RouteAction action, boolean shadow, ObjectNode eventBody,
                      List<String> adjustments, RouteRule rule) {
    public RuleHit {
        adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
    }

    /** Where the rule's routing key comes from (its stored reference, never the key); null when it names none. */
    public String routingKeyRef() {
        return rule == null ? null : rule.routingKeyRef();
    }
}
