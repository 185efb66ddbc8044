package dev.klaxon.outbox;

import java.time.Instant;

/**
 * An outbox row as the console and the command line show it.
 *
 * @param rule        the route that produced it, e.g. {@code routes[2] "alerts.prod.>"}
 * @param lastStatus  HTTP status of the last attempt, null if none or no response
 * @param deliveredAt null unless delivered
 * @param deadAt      null unless dead-lettered
 * @param requeues    how often a person re-sent it after a dead letter
 */
public record EventRecord(long id, String subject, String rule, String routingKeyRef, Endpoint endpoint,
                          String dedupKey, String eventAction, String bodyJson, Instant receivedAt,
                          Instant enqueuedAt, EventState state, int attempts, Instant nextAttemptAt,
                          Integer lastStatus, String lastMessage, Instant deliveredAt, String pdDedupKey,
                          String pdMessage, Instant deadAt, int requeues) {
}
