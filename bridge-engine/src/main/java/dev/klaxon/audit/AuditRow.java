package dev.klaxon.audit;

import java.time.Instant;
import java.util.List;

/**
 * One audit row of any kind, flattened so a single table view or export can show every kind side by side. Fields
 * that do not apply to a kind are null.
 *
 * <ul>
 *   <li>forwarded: subject, rule, dedupKey, eventAction, state (delivered/dead_letter/shadow), deliveredAt,
 *       pagerDutyDedupKey, message (PagerDuty's), attempts, body</li>
 *   <li>action: actor, action, target, state (ok/error), message (the error)</li>
 *   <li>config: target (the file), sha256, state (ok/error), message (errors summary)</li>
 * </ul>
 *
 * @param at         when it happened (for forwarded events: when the message was received)
 * @param recordedAt when the audit accepted the row; {@link AuditLog#tail} follows this, since a page delivered
 *                   after an outage is recorded long after it was received
 */
public record AuditRow(AuditKind kind, long id, Instant at, Instant recordedAt, String subject, String rule,
                       String dedupKey, String eventAction, String state, Instant deliveredAt, String pagerDutyDedupKey,
                       String actor, String action, String target, String sha256, String message,
                       List<DeliveryAttempt> attempts, String body) {
    public AuditRow {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }
}
