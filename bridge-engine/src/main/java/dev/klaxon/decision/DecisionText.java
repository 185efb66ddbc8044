package dev.klaxon.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.klaxon.route.RouteRule;
import java.util.ArrayList;
import java.util.List;

/**
 * A decision as an operator reads it: outcome, reason, notes, and for each matched rule its action, adjustments and
 * the exact event body (routing key masked). One rendering for {@code rules test} and the console's rules view, so
 * both always show the same thing.
 */
public final class DecisionText {
    private static final ObjectWriter PRETTY = new ObjectMapper().writerWithDefaultPrettyPrinter();

    private DecisionText() {
    }

    /** @param routes the config's routes, to name each matched rule's line in the file */
    public static List<String> lines(Decision decision, List<RouteRule> routes) {
        List<String> lines = new ArrayList<>();
        lines.add("subject:  " + decision.subject());
        lines.add("decision: " + decision.outcome().label());
        lines.add("reason:   " + decision.reason());
        if (decision.message() != null) {
            decision.message().notes().forEach(note -> lines.add("note:     " + note));
        }
        for (RuleHit hit : decision.hits()) {
            int line = hit.ruleIndex() < routes.size() ? routes.get(hit.ruleIndex()).line() : 0;
            lines.add("");
            lines.add("matched:  " + hit.ruleLabel() + (line > 0 ? " (line " + line + ")" : ""));
            lines.add("action:   " + hit.action().wire() + (hit.shadow() ? " (shadow: rendered, not sent)" : ""));
            hit.adjustments().forEach(adjustment -> lines.add("adjusted: " + adjustment));
            if (hit.eventBody() != null) {
                lines.add("event body (routing key masked):");
                lines.add(body(hit));
            }
        }
        return lines;
    }

    /** The hit's event body as pretty JSON; null when the rule sends no event. */
    public static String body(RuleHit hit) {
        if (hit.eventBody() == null) {
            return null;
        }
        try {
            return PRETTY.writeValueAsString(hit.eventBody());
        } catch (JsonProcessingException e) {
            return "  (cannot print: " + e.getOriginalMessage() + ")";
        }
    }
}
