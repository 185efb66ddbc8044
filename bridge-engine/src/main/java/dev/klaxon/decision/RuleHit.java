package dev.klaxon.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.route.RouteAction;
import java.util.List;

/**
 * One route that matched a message and what it produced.
 *
 * @param eventBody   for page rules, the exact Events v2 body (routing key masked); null otherwise
 * @param adjustments limits applied while rendering (summary truncated, dedup_key hashed, ...)
 */
public record RuleHit(int ruleIndex, String ruleLabel, RouteAction action, boolean shadow, ObjectNode eventBody,
                      List<String> adjustments) {
    public RuleHit {
        adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
    }
}
