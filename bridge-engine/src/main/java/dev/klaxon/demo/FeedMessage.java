package dev.klaxon.demo;

import java.nio.charset.StandardCharsets;

/**
 * One message the synthetic feed publishes. The body is raw bytes because some messages are deliberately not valid
 * UTF-8 or not valid JSON.
 *
 * @param kind         what the message is meant to exercise
 * @param malformation which defect a {@link Kind#MALFORMED} body carries; null otherwise
 */
public record FeedMessage(String subject, byte[] body, Kind kind, Malformation malformation) {

    /** What a message is meant to exercise on the receiving side. */
    public enum Kind {
        /** A JSON alert with event_action trigger (explicit or implied). */
        TRIGGER,
        /** A JSON acknowledge for an earlier trigger's dedup_key. */
        ACKNOWLEDGE,
        /** A JSON resolve for an earlier trigger's dedup_key. */
        RESOLVE,
        /** A non-JSON body that becomes the summary. */
        PLAIN_TEXT,
        /** A body the engine must reject with a reason. */
        MALFORMED,
        /** A trigger that belongs to the once-a-minute flood on one subject. */
        BURST
    }

    public FeedMessage {
        if ((kind == Kind.MALFORMED) != (malformation != null)) {
            throw new IllegalArgumentException("a malformation goes with kind MALFORMED and only with it");
        }
    }

    static FeedMessage of(String subject, String body, Kind kind) {
        return new FeedMessage(subject, body.getBytes(StandardCharsets.UTF_8), kind, null);
    }

    /** The body as text for tests and logs; invalid UTF-8 shows as replacement characters. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
