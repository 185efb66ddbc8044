package dev.klaxon.stats;

import dev.klaxon.decision.Decision;
import dev.klaxon.decision.Outcome;
import dev.klaxon.decision.RuleHit;
import dev.klaxon.message.InboundMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One recent message of a subject, kept for the live tail.
 *
 * @param body      the body as text (invalid UTF-8 replaced), cut at a bounded size
 * @param bodyBytes the size of the whole body as received
 * @param truncated true when {@code body} is only the start of the message
 * @param reason    why it was decided so: the rule, or the guard (silence, dedup, flood, inhibition) that held it
 * @param routes    each route that matched, in config order; empty when none did or the message was rejected
 * @param msgId     the message's id end to end: the publisher's Nats-Msg-Id, or {@code STREAM:seq} in team mode;
 *                  null when it has none
 * @param streamSequence its sequence in the team's stream; 0 on core NATS
 */
public record TailEntry(Instant receivedAt, String subject, String body, int bodyBytes, boolean truncated,
                        Map<String, List<String>> headers, Outcome outcome, String reason, List<Route> routes,
                        String msgId, long streamSequence) {
    public TailEntry {
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /** A message read back from the stream (browsing history) with the decision it gets now, its body cut as the tail's. */
    public static TailEntry ofHistory(InboundMessage message, Decision decision, int maxBodyBytes) {
        byte[] body = message.body();
        int kept = Math.min(body.length, maxBodyBytes);
        return new TailEntry(message.receivedAt(), message.subject(),
                new String(body, 0, kept, java.nio.charset.StandardCharsets.UTF_8), body.length, kept < body.length,
                message.headers(), decision.outcome(), decision.reason(), Route.of(decision.hits()), message.msgId(),
                message.position() == null ? 0 : message.position().sequence());
    }

    public TailEntry(Instant receivedAt, String subject, String body, int bodyBytes, boolean truncated,
                     Map<String, List<String>> headers, Outcome outcome, String reason, List<Route> routes) {
        this(receivedAt, subject, body, bodyBytes, truncated, headers, outcome, reason, routes, null, 0);
    }

    public TailEntry(Instant receivedAt, String subject, String body, int bodyBytes, boolean truncated,
                     Map<String, List<String>> headers, Outcome outcome, String reason) {
        this(receivedAt, subject, body, bodyBytes, truncated, headers, outcome, reason, List.of());
    }

    /**
     * What one matching route made of the message: only the few words the detail view shows, so the tail does not
     * keep every rendered event alive.
     *
     * @param action      {@code page}, {@code change}, {@code log} or {@code drop}
     * @param dedupKey    the rendered event's dedup_key; null when the route renders no event
     * @param eventAction {@code trigger}, {@code acknowledge}, {@code resolve}; null when no event
     * @param adjustments limits applied while rendering (summary cut, dedup_key hashed, ...)
     */
    public record Route(String rule, String action, boolean shadow, String dedupKey, String eventAction,
                        String severity, List<String> adjustments) {
        public Route {
            adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
        }

        static List<Route> of(List<RuleHit> hits) {
            if (hits.isEmpty()) {
                return List.of();
            }
            List<Route> routes = new ArrayList<>(hits.size());
            for (RuleHit hit : hits) {
                var body = hit.eventBody();
                routes.add(new Route(hit.ruleLabel(), hit.action().wire(), hit.shadow(),
                        body == null ? null : text(body.get("dedup_key")),
                        body == null ? null : text(body.get("event_action")),
                        body == null ? null : text(body.path("payload").get("severity")), hit.adjustments()));
            }
            return List.copyOf(routes);
        }

        private static String text(com.fasterxml.jackson.databind.JsonNode node) {
            return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
        }
    }
}
