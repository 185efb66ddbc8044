package dev.klaxon.simulator;

import java.time.Instant;

/**
 * An incident in the double, with its single alert (one per routing key and dedup_key, as PagerDuty groups them).
 *
 * @param triggerCount triggers merged into the alert: 1 for the one that opened it, plus each repeat
 * @param eventCount   every event applied to it (triggers, acknowledges, resolves)
 */
public record Incident(String id, int number, String routingKey, String dedupKey, String summary, String severity,
                       Status status, int triggerCount, int eventCount, Instant openedAt, Instant lastChangeAt) {

    public enum Status { TRIGGERED, ACKNOWLEDGED, RESOLVED }

    public boolean isOpen() {
        return status != Status.RESOLVED;
    }

    Incident repeated(Instant now) {
        return new Incident(id, number, routingKey, dedupKey, summary, severity, status, triggerCount + 1,
                eventCount + 1, openedAt, now);
    }

    Incident withStatus(Status newStatus, Instant now) {
        return new Incident(id, number, routingKey, dedupKey, summary, severity, newStatus, triggerCount,
                eventCount + 1, openedAt, now);
    }
}
