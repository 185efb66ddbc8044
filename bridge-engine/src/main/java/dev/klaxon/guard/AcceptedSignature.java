package dev.klaxon.guard;

import java.time.Instant;

/** A signature the engine accepted, and when: what the replay memory keeps and persists. */
public record AcceptedSignature(SignatureKey key, Instant acceptedAt) {
}
