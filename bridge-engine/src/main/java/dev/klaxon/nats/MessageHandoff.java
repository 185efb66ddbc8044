package dev.klaxon.nats;

import dev.klaxon.message.InboundMessage;
import dev.klaxon.message.StreamPosition;
import io.nats.client.Message;
import io.nats.client.MessageHandler;
import io.nats.client.impl.Headers;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Runs on the dispatcher thread for every message: copies what the engine needs into an {@link InboundMessage} and
 * offers it to the engine's bounded queue. Nothing else happens here, so the dispatcher never stalls; a refused
 * message is counted, never dropped silently.
 */
public final class MessageHandoff implements MessageHandler {

    private static final byte[] EMPTY = new byte[0];

    private final Clock clock;
    private final Predicate<InboundMessage> sink;
    private final LongAdder received = new LongAdder();
    /**
     * When the last live message arrived (not history read back); null before the first. Written with a release
     * store, not a volatile one: the status line only needs a recent value, and a volatile write fences every message.
     */
    private final AtomicReference<Instant> lastReceivedAt = new AtomicReference<>();
    private final LongAdder overflowed = new LongAdder();

    MessageHandoff(Clock clock, Predicate<InboundMessage> sink) {
        this.clock = clock;
        this.sink = sink;
    }

    @Override
    public void onMessage(Message message) {
        offer(message, null);
    }

    /**
     * Hands one message to the engine; {@code position} is where it sits in the team's stream (null on core NATS).
     *
     * @return false when the engine refused it (queue full), which is counted
     */
    public boolean offer(Message message, StreamPosition position) {
        received.increment();
        // the client allocates a fresh body array per message and never touches it again: no copy needed
        byte[] body = message.getData();
        // History (late join) is counted at the time the stream stored it, so rates and the tail read as they were.
        Instant receivedAt = position != null && position.history() ? position.historyAt() : clock.instant();
        if (position == null || !position.history()) {
            lastReceivedAt.lazySet(receivedAt);
        }
        InboundMessage inbound = WireSubjects.message(message.getSubject(), body == null ? EMPTY : body,
                message.hasHeaders() ? copy(message.getHeaders()) : Map.of(), receivedAt);
        if (position != null) {
            inbound = inbound.at(position);
        }
        boolean accepted;
        try {
            accepted = sink.test(inbound);
        } catch (RuntimeException e) {
            // an engine bug must not kill the dispatcher; the message is lost, so it is counted like a refusal
            accepted = false;
        }
        if (!accepted) {
            overflowed.increment();
        }
        return accepted;
    }

    Instant lastReceivedAt() {
        return lastReceivedAt.get();
    }

    long received() {
        return received.sum();
    }

    long overflowed() {
        return overflowed.sum();
    }

    private static Map<String, List<String>> copy(Headers headers) {
        Map<String, List<String>> copy = new HashMap<>(headers.size() * 2);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }
}
