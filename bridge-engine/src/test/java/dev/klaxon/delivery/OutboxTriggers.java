package dev.klaxon.delivery;

import dev.klaxon.outbox.Endpoint;
import dev.klaxon.outbox.NewEvent;
import java.time.Instant;

/** The trigger the delivery tests put in a real outbox: routed by PD_ROUTING_KEY_PROD, as the engine would make it. */
final class OutboxTriggers {
    private OutboxTriggers() {
    }

    static NewEvent trigger(String dedupKey, Instant receivedAt) {
        String body = "{\"routing_key\":\"" + NewEvent.MASK_PREFIX + " (env PD_ROUTING_KEY_PROD)\","
                + "\"event_action\":\"trigger\",\"dedup_key\":\"" + dedupKey + "\",\"payload\":{\"summary\":"
                + "\"disk full on db-3\",\"source\":\"db-3\",\"severity\":\"critical\"}}";
        return new NewEvent("alerts.prod.db", 0, "routes[0] \"alerts.prod.>\"", "env:PD_ROUTING_KEY_PROD",
                Endpoint.ALERT, dedupKey, "trigger", body, receivedAt);
    }
}
