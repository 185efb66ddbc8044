package dev.klaxon.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A message as it arrived from NATS, before any decoding: what the dispatcher hands to the engine.
 * The body array is owned by this record once constructed; nobody mutates it.
 *
 * @param subjectProblem why the subject as it came off the wire cannot be used although it could not be told by its
 *                       text (its bytes were not UTF-8; {@code subject} then shows them escaped); null otherwise
 * @param position       where it sits in the team's stream (team mode); null on core NATS
 */
public record InboundMessage(String subject, byte[] body, Map<String, List<String>> headers, Instant receivedAt,
                             String subjectProblem, StreamPosition position) {
    public InboundMessage {
        headers = headers == null ? Map.of() : headers;
    }

    public InboundMessage(String subject, byte[] body, Map<String, List<String>> headers, Instant receivedAt,
                          String subjectProblem) {
        this(subject, body, headers, receivedAt, subjectProblem, null);
    }

    public InboundMessage at(StreamPosition newPosition) {
        return new InboundMessage(subject, body, headers, receivedAt, subjectProblem, newPosition);
    }

    /** The id shown and sent end to end: the stream's id in team mode, else the publisher's Nats-Msg-Id if any. */
    public String msgId() {
        return position != null && position.msgId() != null ? position.msgId() : header("Nats-Msg-Id");
    }

    /** A message whose subject arrived intact: every message but those with undecodable subject bytes. */
    public InboundMessage(String subject, byte[] body, Map<String, List<String>> headers, Instant receivedAt) {
        this(subject, body, headers, receivedAt, null);
    }

    public static InboundMessage of(String subject, byte[] body, Instant receivedAt) {
        return new InboundMessage(subject, body, Map.of(), receivedAt);
    }

    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
