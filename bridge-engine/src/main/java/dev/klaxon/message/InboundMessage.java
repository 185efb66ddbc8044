package dev.klaxon.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A message as it arrived from NATS, before any decoding: what the dispatcher hands to the engine.
 * The body array is owned by this record once constructed; nobody mutates it.
 */
public record InboundMessage(String subject, byte[] body, Map<String, List<String>> headers, Instant receivedAt) {
    public InboundMessage {
        headers = headers == null ? Map.of() : headers;
    }

    public static InboundMessage of(String subject, byte[] body, Instant receivedAt) {
        return new InboundMessage(subject, body, Map.of(), receivedAt);
    }

    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
