package dev.klaxon.outbox;

import java.time.Instant;

/** Test events with a masked body, as the renderer produces them. */
final class Events {
    static final String PROD = "env:PD_ROUTING_KEY_PROD";
    static final String STAGING = "env:PD_ROUTING_KEY_STAGING";

    private Events() {
    }

    static NewEvent event(String ref, String dedupKey, String action, Instant receivedAt) {
        String body = "{\"routing_key\":\"" + NewEvent.MASK_PREFIX + " (env X)\",\"event_action\":\"" + action
                + "\",\"dedup_key\":\"" + dedupKey + "\",\"payload\":{\"summary\":\"disk full\"}}";
        return new NewEvent("alerts.prod.db", 0, "routes[0] \"alerts.prod.>\"", ref, Endpoint.ALERT, dedupKey, action, body, receivedAt);
    }

    static NewEvent trigger(String dedupKey, Instant receivedAt) {
        return event(PROD, dedupKey, "trigger", receivedAt);
    }
}
