package dev.klaxon.audit;

import java.time.Instant;
import java.util.List;

/** Typical rows for the audit tests. */
final class AuditFixtures {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private AuditFixtures() {
    }

    static ForwardedEvent delivered(Instant receivedAt, String subject, String dedupKey) {
        return new ForwardedEvent(receivedAt, subject, "route 1: alerts.prod.>", dedupKey, "trigger",
                "{\"routing_key\":\"******** (env PD_KEY)\",\"event_action\":\"trigger\",\"dedup_key\":\""
                        + dedupKey + "\",\"payload\":{\"summary\":\"disk full\",\"severity\":\"critical\"}}",
                List.of(new DeliveryAttempt(receivedAt.plusMillis(5), null, "connection reset"),
                        new DeliveryAttempt(receivedAt.plusSeconds(2), 429, "Too many requests"),
                        new DeliveryAttempt(receivedAt.plusSeconds(5), 202, "Event processed")),
                DeliveryState.DELIVERED, receivedAt.plusSeconds(5), dedupKey, "Event processed");
    }

    static ForwardedEvent shadowed(Instant receivedAt, String subject) {
        return new ForwardedEvent(receivedAt, subject, "route 2: alerts.staging.>", "s/" + subject, "trigger",
                "{\"routing_key\":\"********\"}", List.of(), DeliveryState.SHADOW, null, null, null);
    }
}
