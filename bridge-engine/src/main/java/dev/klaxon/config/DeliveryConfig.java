package dev.klaxon.config;

import java.time.Duration;

/**
 * How events are delivered to PagerDuty (keys under {@code pagerduty:}).
 *
 * @param budgetPerMinute events per routing key per sliding minute; more wait in the outbox (PagerDuty allows about
 *                        120 per integration key)
 * @param retryBase       first retry delay bound of the full-jitter exponential backoff
 * @param retryCap        largest retry delay bound
 * @param maxInFlight     requests to PagerDuty at the same time, over all routing keys
 * @param requestTimeout  how long one request may take before it counts as failed and is retried
 */
public record DeliveryConfig(int budgetPerMinute, Duration retryBase, Duration retryCap, int maxInFlight,
                             Duration requestTimeout) {
    public static DeliveryConfig defaults() {
        return new DeliveryConfig(120, Duration.ofSeconds(1), Duration.ofMinutes(5), 4, Duration.ofSeconds(10));
    }
}
