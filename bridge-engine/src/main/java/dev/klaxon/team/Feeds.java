package dev.klaxon.team;

import dev.klaxon.message.StreamPosition;
import dev.klaxon.nats.MessageHandoff;
import io.nats.client.ConsumeOptions;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.MessageHandler;
import io.nats.client.StreamContext;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a member's messages come from in team mode: the sender pulls from the team's durable consumer (and settles
 * what it pulls); every other member watches the stream through an ordered consumer of its own, which never
 * acknowledges anything. One feed runs at a time; a switch starts the new feed after the last message seen, so the
 * live view has no gap.
 */
final class Feeds {
    /** Pull batches small enough that a sender that loses its lease holds few messages until ack_wait. */
    private static final int PULL_BATCH = 100;
    private static final long REFUSED_REDELIVERY_MILLIS = 1_000;

    private final String stream;
    private final String consumer;
    private final PendingAcks acks;
    private final AtomicLong lastSeen = new AtomicLong();
    /** Which pull is current: a stopped pull's outstanding requests still deliver, and those go straight back. */
    private final AtomicLong pullGeneration = new AtomicLong();
    /**
     * Which view is current. A stopped consumer's open pull request still delivers what arrives until it expires
     * (seconds): without this, a member that just became the sender would decide each new message twice, once
     * pulled and once watched, and count it twice in its live view and its guards.
     */
    private final AtomicLong viewGeneration = new AtomicLong();
    private Connection connection;
    private MessageHandoff handoff;
    private MessageConsumer view;
    private MessageConsumer pager;

    Feeds(String stream, String consumer, PendingAcks acks) {
        this.stream = stream;
        this.consumer = consumer;
        this.acks = acks;
    }

    synchronized void attach(Connection newConnection, MessageHandoff newHandoff) {
        stopAll();
        this.connection = newConnection;
        this.handoff = newHandoff;
    }

    synchronized boolean attached() {
        return connection != null;
    }

    /** Watches the stream from the message after the last one seen (or from new messages on the first start). */
    synchronized void watch() throws IOException, JetStreamApiException {
        stopPager();
        if (view != null || connection == null) {
            return;
        }
        long from = lastSeen.get();
        OrderedConsumerConfiguration config = from == 0
                ? new OrderedConsumerConfiguration().deliverPolicy(DeliverPolicy.New)
                : new OrderedConsumerConfiguration().deliverPolicy(DeliverPolicy.ByStartSequence)
                        .startSequence(from + 1);
        StreamContext context = connection.getStreamContext(stream);
        MessageHandoff target = handoff;
        long generation = viewGeneration.incrementAndGet();
        view = context.createOrderedConsumer(config).consume(message -> watched(target, message, generation));
    }

    /** Pulls from the team's consumer: this member is the sender. */
    synchronized void pull() throws IOException, JetStreamApiException {
        if (pager != null || connection == null) {
            return;
        }
        MessageHandoff target = handoff;
        long generation = pullGeneration.incrementAndGet();
        MessageHandler handler = message -> pulled(target, message, generation);
        pager = connection.getStreamContext(stream).getConsumerContext(consumer)
                .consume(ConsumeOptions.builder().batchSize(PULL_BATCH).build(), handler);
        stopView();
    }

    synchronized boolean pulling() {
        return pager != null;
    }

    /** Stops pulling at once; what was pulled and not acknowledged goes back to the stream after ack_wait. */
    synchronized void stopPager() {
        pullGeneration.incrementAndGet();
        if (pager != null) {
            pager.stop();
            pager = null;
        }
    }

    synchronized void stopAll() {
        stopPager();
        stopView();
    }

    long lastSeen() {
        return lastSeen.get();
    }

    private void stopView() {
        viewGeneration.incrementAndGet();
        if (view != null) {
            view.stop();
            view = null;
        }
    }

    private void watched(MessageHandoff target, Message message, long generation) {
        if (generation != viewGeneration.get()) {
            return; // this view was stopped (the member pulls now): the pulled copy is the one decided
        }
        long sequence = message.metaData().streamSequence();
        lastSeen.accumulateAndGet(sequence, Math::max);
        target.offer(message, position(message, sequence, null));
    }

    private void pulled(MessageHandoff target, Message message, long generation) {
        if (generation != pullGeneration.get()) {
            message.nak(); // this member stopped pulling: the team's sender gets it now, not after ack_wait
            return;
        }
        long sequence = message.metaData().streamSequence();
        lastSeen.accumulateAndGet(sequence, Math::max);
        StreamPosition position = position(message, sequence, new JsAck(message));
        if (!acks.track(position)) {
            message.inProgress(); // redelivered while this member still works on it: decide it once
            return;
        }
        if (!target.offer(message, position)) {
            acks.giveBack(sequence, REFUSED_REDELIVERY_MILLIS);
        }
    }

    private StreamPosition position(Message message, long sequence, JsAck ack) {
        String msgId = message.hasHeaders() ? message.getHeaders().getFirst("Nats-Msg-Id") : null;
        return new StreamPosition(stream, sequence, msgId == null || msgId.isBlank()
                ? StreamPosition.idOf(stream, sequence) : msgId, message.metaData().deliveredCount(), ack);
    }
}
