package dev.klaxon.outbox;

import java.time.Instant;

/**
 * An event the sender may attempt now. {@code orderKey} is what the sender puts in its in-flight set and passes back
 * to {@link Outbox#due} as excluded, so the same key is never in flight twice.
 *
 * @param attempts  attempts made so far (0 for a fresh event); feed it to {@link Backoff}
 * @param streamSeq the stream sequence of the message it came from (team mode); 0 when none
 * @param streamDelivery which delivery of that message it was decided from; 0 when none
 */
public record PendingEvent(long id, String orderKey, String subject, String rule, String routingKeyRef,
                           Endpoint endpoint, String dedupKey, String eventAction, String bodyJson,
                           Instant receivedAt, int attempts, Instant nextAttemptAt, long streamSeq,
                           long streamDelivery) {
}
