package dev.klaxon.guard;

import java.time.Instant;

/**
 * A signature the engine accepted, and when: what the replay memory keeps and persists.
 *
 * @param streamSequence team mode: the stream message that carried it (the same message seen again, watched and
 *                       then pulled, is not a replay); 0 on core NATS
 */
public record AcceptedSignature(SignatureKey key, Instant acceptedAt, long streamSequence) {
}
