package dev.klaxon.delivery;

import dev.klaxon.outbox.OutboxStats;
import java.time.Instant;
import java.util.Map;

/**
 * Delivery at a glance, for the status bar and the command line.
 *
 * @param budgetUsage events sent per routing key reference in the current sliding window
 * @param lastProblem the last failure's reason (never contains a routing key), null when none yet
 * @param lastAccepted when PagerDuty last accepted an event, null when never
 * @param rateLimited 429 answers per routing key reference since start; keys never answered 429 left out
 */
public record DeliveryStatus(OutboxStats outbox, Map<String, Integer> budgetUsage, int budgetLimit,
                             Reachability reachability, String lastProblem, Instant lastAccepted, int inFlight,
                             Map<String, Long> rateLimited) {
    public DeliveryStatus {
        rateLimited = Map.copyOf(rateLimited);
    }
}
