package dev.klaxon.guard;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.config.RateLimit;
import dev.klaxon.message.Severity;
import dev.klaxon.route.EventBodyRenderer;
import dev.klaxon.route.PagerDutyLimits;
import dev.klaxon.route.RouteRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Events v2 body that stands for a flood: one trigger per window with a dedup_key that stays the same for the
 * subject ({@value #DEDUP_PREFIX}SUBJECT) or routing key, so every update lands on the same PagerDuty alert. Its
 * summary says how big the flood is; custom_details carry the numbers.
 */
final class CoalescedEventRenderer {
    static final String DEDUP_PREFIX = "klaxon-flood/";

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    /**
     * @param scope what the threshold counts over
     * @param key   the scope's key: the subject, or the routing key reference
     */
    ObjectNode render(FloodScope scope, String key, RouteRule rule, RateLimit threshold, FloodSummary whole,
                      FloodSummary window, Instant since) {
        String scopeText = scope.describe(key);
        List<String> ignored = new ArrayList<>();
        ObjectNode body = nodes.objectNode();
        body.put("routing_key", rule.routingKey() == null ? EventBodyRenderer.UNCONFIGURED_ROUTING_KEY
                : rule.routingKey().masked());
        body.put("event_action", "trigger");
        body.put("dedup_key", PagerDutyLimits.dedupKey(scope.dedupKey(key), ignored));
        ObjectNode payload = body.putObject("payload");
        payload.put("summary", PagerDutyLimits.summary(summary(scope, scopeText, threshold, whole, window), ignored));
        payload.put("source", scope == FloodScope.SUBJECT ? key : "klaxon");
        payload.put("severity", whole.highestSeverity().wire());
        payload.put("timestamp", whole.last().toString());
        ObjectNode details = payload.putObject("custom_details").putObject("klaxon_flood");
        details.put(scope == FloodScope.SUBJECT ? "subject" : "scope", scopeText);
        details.put("threshold", threshold.count() + " per " + threshold.window());
        details.put("flood_since", since.toString());
        details.put("held_total", whole.count());
        details.put("held_since_last_update", window.count());
        details.put("first_held_at", whole.first().toString());
        details.put("last_held_at", whole.last().toString());
        ObjectNode sources = details.putObject("top_sources");
        for (Map.Entry<String, Long> source : whole.topSources()) {
            sources.put(source.getKey(), source.getValue());
        }
        if (scope != FloodScope.SUBJECT) {
            ObjectNode subjects = details.putObject("top_subjects");
            for (Map.Entry<String, Long> top : whole.topSubjects()) {
                subjects.put(top.getKey(), top.getValue());
            }
        }
        if (whole.otherSources() > 0) {
            details.put("alerts_from_untracked_sources", whole.otherSources());
        }
        ObjectNode severities = details.putObject("severities");
        whole.severities().forEach((severity, count) -> severities.put(severity.wire(), count));
        details.put("first_summary", whole.firstSummary());
        details.put("last_summary", whole.lastSummary());
        body.put("client", EventBodyRenderer.CLIENT);
        return body;
    }

    private static String summary(FloodScope scope, String scopeText, RateLimit threshold, FloodSummary whole,
                                  FloodSummary window) {
        StringBuilder text = new StringBuilder("Flood on ").append(scopeText).append(": ").append(whole.count())
                .append(whole.count() == 1 ? " alert" : " alerts").append(" held since ").append(whole.first())
                .append(" (over ").append(threshold.count()).append(" per ").append(threshold.window().toSeconds())
                .append(" s; ").append(window.count()).append(" since the last update)");
        if (scope != FloodScope.SUBJECT) {
            append(text, "; top subjects ", whole.topSubjects());
        }
        append(text, "; top sources ", whole.topSources());
        text.append("; ");
        boolean firstSeverity = true;
        for (Severity severity : Severity.values()) {
            Long count = whole.severities().get(severity);
            if (count != null) {
                text.append(firstSeverity ? "" : ", ").append(severity.wire()).append(' ').append(count);
                firstSeverity = false;
            }
        }
        if (firstSeverity) {
            text.append("no severities given");
        }
        return text.toString();
    }

    private static void append(StringBuilder text, String label, List<Map.Entry<String, Long>> top) {
        if (top.isEmpty()) {
            return;
        }
        text.append(label);
        for (int i = 0; i < top.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(top.get(i).getKey()).append(" ×").append(top.get(i).getValue());
        }
    }
}
