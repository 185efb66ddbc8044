package dev.klaxon.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A page that went (or, in shadow mode, would have gone) to PagerDuty: one audit row each.
 *
 * @param body              the exact Events v2 body sent, as JSON text, routing key already masked
 * @param attempts          every HTTP attempt in order; empty for shadowed pages
 * @param deliveredAt       when PagerDuty answered 202; null unless delivered
 * @param pagerDutyDedupKey the dedup_key PagerDuty returned; null unless delivered
 * @param pagerDutyMessage  PagerDuty's last message (success text or error detail)
 */
public record ForwardedEvent(Instant receivedAt, String subject, String ruleLabel, String dedupKey, String eventAction,
                             String body, List<DeliveryAttempt> attempts, DeliveryState state, Instant deliveredAt,
                             String pagerDutyDedupKey, String pagerDutyMessage) {
    public ForwardedEvent {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(state, "state");
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }
}
