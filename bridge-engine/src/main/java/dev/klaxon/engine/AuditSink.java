package dev.klaxon.engine;

import dev.klaxon.audit.AuditLog;
import dev.klaxon.decision.Decision;
import dev.klaxon.decision.Outcome;
import dev.klaxon.message.InboundMessage;

/**
 * Counts every decision that did not forward an event into the audit's per-minute aggregates (with a bounded
 * sample). Forwarded events are audited by delivery, once each reaches its final state.
 */
final class AuditSink implements DecisionSink {
    private final AuditLog audit;

    AuditSink(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void accept(InboundMessage message, Decision decision, String bucket) {
        if (decision.outcome() != Outcome.FORWARDED) {
            audit.count(bucket != null ? bucket : message.subject(), decision.outcome(), decision.reason(),
                    message.receivedAt(), message.body());
        }
    }
}
