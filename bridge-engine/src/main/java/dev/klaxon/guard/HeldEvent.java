package dev.klaxon.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A trigger held back by flood state, kept so a person can still send it.
 *
 * @param body           the Events v2 body a page rule rendered for it, routing key masked
 * @param routingKeyRef  where the routing key of the rule that held it comes from: a release sends it there even when
 *                       the rules changed since; null when only shown (another member holds it)
 * @param streamSequence team mode: where the team's stream keeps the message, so a next sender can hold it again;
 *                       0 when it did not come from the stream
 */
public record HeldEvent(long id, String subject, int ruleIndex, String ruleLabel, String routingKeyRef,
                        ObjectNode body, Instant heldAt, long streamSequence) {

    public String dedupKey() {
        return body.path("dedup_key").asText(null);
    }

    public String summary() {
        return body.path("payload").path("summary").asText("");
    }
}
