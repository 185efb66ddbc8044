package dev.klaxon.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The team's record of the last event sent per dedup_key (KV {@code KLAXON_SENT}): its stream sequence, action,
 * time and sender. A redelivered trigger older than what was sent must not reopen an incident, and whoever sends
 * next inherits the dedup window. Writes are compare-and-set and only move the sequence forward; the key is a hash
 * so neither the routing key reference nor the dedup_key shows in the bucket.
 */
final class SentFence {
    /** What was last sent for one dedup_key. */
    record Sent(long sequence, String action, Instant at, String sender) {
    }

    private static final int ATTEMPTS = 3;

    private final KeyValue bucket;
    private final ObjectMapper mapper;

    SentFence(KeyValue bucket, ObjectMapper mapper) {
        this.bucket = bucket;
        this.mapper = mapper;
    }

    /** The last event sent for the key; null when none is known. */
    Sent last(String routingKeyRef, String dedupKey) throws IOException, JetStreamApiException {
        KeyValueEntry entry = bucket.get(key(routingKeyRef, dedupKey));
        return entry == null || entry.getOperation() != KeyValueOperation.PUT ? null : parse(entry.getValue());
    }

    /** Records a send unless the fence already holds a later one. */
    void record(String routingKeyRef, String dedupKey, Sent sent) throws IOException, JetStreamApiException {
        String key = key(routingKeyRef, dedupKey);
        ObjectNode value = mapper.createObjectNode()
                .put("seq", sent.sequence())
                .put("action", sent.action())
                .put("at", sent.at().toString())
                .put("sender", sent.sender());
        byte[] bytes = mapper.writeValueAsBytes(value);
        for (int attempt = 1; ; attempt++) {
            KeyValueEntry entry = bucket.get(key);
            try {
                if (entry == null || entry.getOperation() != KeyValueOperation.PUT) {
                    if (entry == null) {
                        bucket.create(key, bytes);
                    } else {
                        bucket.update(key, bytes, entry.getRevision());
                    }
                    return;
                }
                Sent known = parse(entry.getValue());
                if (known != null && known.sequence() >= sent.sequence()) {
                    return;
                }
                bucket.update(key, bytes, entry.getRevision());
                return;
            } catch (JetStreamApiException conflict) {
                if (attempt >= ATTEMPTS) {
                    throw conflict; // someone keeps writing this key; the caller logs it
                }
            }
        }
    }

    private Sent parse(byte[] value) {
        try {
            JsonNode node = mapper.readTree(value);
            return new Sent(node.path("seq").asLong(), node.path("action").asText(""),
                    Instant.parse(node.path("at").asText(Instant.EPOCH.toString())), node.path("sender").asText(""));
        } catch (IOException | RuntimeException e) {
            return null; // a value no Klaxon wrote: no fence rather than a wrong one
        }
    }

    static String key(String routingKeyRef, String dedupKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(routingKeyRef.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(dedupKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
