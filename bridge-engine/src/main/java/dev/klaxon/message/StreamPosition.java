package dev.klaxon.message;

import java.time.Instant;

/**
 * Where a message sits in the team's JetStream stream (team mode only), and how to settle it with the server.
 *
 * @param stream     the stream's name
 * @param sequence   the stream sequence: the team's order of every alert
 * @param msgId      the publisher's {@code Nats-Msg-Id}, else {@code STREAM:seq}: the id shown and sent end to end
 * @param deliveries how many times the server delivered it (1 the first time)
 * @param ack        how to acknowledge it; null for a message this member only watches (observer view)
 * @param historyAt  when the stream stored it, for a message stored before this member joined and shown as history
 *                   (late join); null for one that arrived live
 */
public record StreamPosition(String stream, long sequence, String msgId, long deliveries, StreamAck ack,
                             Instant historyAt) {

    /**
     * A message that came on core NATS to a member that must not page it (team mode, view only: the stream cannot
     * be used): shown, never paged.
     */
    public static StreamPosition watchOnly() {
        return new StreamPosition(null, 0, null, 0, null, null);
    }

    /** The id of a message with no {@code Nats-Msg-Id}: the stream and its sequence. */
    public static String idOf(String stream, long sequence) {
        return stream + ":" + sequence;
    }

    /** Stored before this member joined: shown and counted at its own time, never paged by this member. */
    public boolean history() {
        return historyAt != null;
    }

    /** True when this member pulled it from the team's pager consumer, so it must page and settle it. */
    public boolean pager() {
        return ack != null;
    }
}
