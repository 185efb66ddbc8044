package dev.klaxon.team;

import dev.klaxon.message.StreamPosition;
import dev.klaxon.nats.MessageHandoff;
import io.nats.client.ConsumeOptions;
import io.nats.client.ConsumerContext;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.MessageHandler;
import io.nats.client.StreamContext;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a member's messages come from in team mode: the sender pulls from the team's durable consumer (and settles
 * what it pulls); every other member watches the stream through an ordered consumer of its own, which never
 * acknowledges anything. One feed runs at a time; a switch starts the new feed after the last message seen, so the
 * live view has no gap.
 *
 * <p>Late join: the first view starts {@code late_join} before this member joined, and what was stored before it
 * joined is marked as history (shown and counted at its own time, never paged here). A member that becomes the
 * sender while its view still catches up keeps the view for history the team has settled (up to the pager
 * consumer's ack floor), and drops the rest: the pull delivers it.
 */
final class Feeds {
    /** Pull batches small enough that a sender that loses its lease holds few messages until ack_wait. */
    private static final int PULL_BATCH = 100;
    private static final long REFUSED_REDELIVERY_MILLIS = 1_000;
    /**
     * How long one pull request waits on the server. A pull request sent to a consumer leader that then dies is
     * lost without an answer; jnats notices only when heartbeats (half the expiry) stop for three intervals. With
     * jnats' 30 s default the sender stalled up to 90 s after a stream leader was killed (TeamFaultTest, CI); with
     * 5 s a new leader is asked within about 8 s, for one small request every 5 s when idle.
     */
    private static final long PULL_EXPIRES_MILLIS = 5_000;

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
    private final Clock clock;
    private final Duration lateJoin;
    /** When this member's first view started; what the stream stored before it is history. */
    private volatile Instant joinedAt;
    /** Pulling while the view still catches up: the view delivers only history up to {@link #historyFloor}. */
    private volatile boolean historyOnly;
    private volatile long historyFloor = Long.MAX_VALUE;
    /** The view has delivered a live message (or has no history to give): nothing is left to catch up. */
    private volatile boolean caughtUp;
    private Connection connection;
    private MessageHandoff handoff;
    private MessageConsumer view;
    private MessageConsumer pager;

    Feeds(String stream, String consumer, PendingAcks acks, Clock clock, Duration lateJoin) {
        this.stream = stream;
        this.consumer = consumer;
        this.acks = acks;
        this.clock = clock;
        this.lateJoin = lateJoin;
        this.caughtUp = lateJoin.isZero();
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
        historyOnly = false;
        long from = lastSeen.get();
        OrderedConsumerConfiguration config;
        if (from != 0) {
            config = new OrderedConsumerConfiguration().deliverPolicy(DeliverPolicy.ByStartSequence)
                    .startSequence(from + 1);
        } else if (lateJoin.isZero()) {
            config = new OrderedConsumerConfiguration().deliverPolicy(DeliverPolicy.New);
        } else {
            if (joinedAt == null) {
                joinedAt = clock.instant();
            }
            config = new OrderedConsumerConfiguration().deliverPolicy(DeliverPolicy.ByStartTime)
                    .startTime(joinedAt.minus(lateJoin).atZone(ZoneOffset.UTC));
        }
        StreamContext context = connection.getStreamContext(stream);
        MessageHandoff target = handoff;
        long generation = viewGeneration.incrementAndGet();
        view = context.createOrderedConsumer(config).consume(
                ConsumeOptions.builder().expiresIn(PULL_EXPIRES_MILLIS).build(),
                message -> watched(target, message, generation));
    }

    /** Pulls from the team's consumer: this member is the sender. */
    synchronized void pull() throws IOException, JetStreamApiException {
        if (pager != null || connection == null) {
            return;
        }
        MessageHandoff target = handoff;
        long generation = pullGeneration.incrementAndGet();
        MessageHandler handler = message -> pulled(target, message, generation);
        ConsumerContext pagerConsumer = connection.getStreamContext(stream).getConsumerContext(consumer);
        pager = pagerConsumer.consume(ConsumeOptions.builder().batchSize(PULL_BATCH)
                .expiresIn(PULL_EXPIRES_MILLIS).build(), handler);
        if (view != null && !caughtUp) {
            // Settled by the team (at or below the ack floor): history only the view can show. Above it, the pull
            // delivers what is still open; a settled message above the floor is not shown, which is the price.
            historyFloor = pagerConsumer.getConsumerInfo().getAckFloor().getStreamSequence();
            historyOnly = true;
        } else {
            stopView();
        }
    }

    /** Stops a history-only view once it has nothing left to show. Called every second by the team's thread. */
    synchronized void tidy() {
        if (historyOnly && caughtUp && pager != null) {
            stopView();
        }
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
        Instant joined = joinedAt;
        Instant stored = message.metaData().timestamp().toInstant();
        Instant historyAt = joined != null && stored.isBefore(joined) ? stored : null;
        if (historyAt == null) {
            caughtUp = true;
        }
        if (historyOnly && (historyAt == null || sequence > historyFloor)) {
            caughtUp = true; // sequences only grow: nothing more of this view is the view's to show
            return;
        }
        lastSeen.accumulateAndGet(sequence, Math::max);
        target.offer(message, position(message, sequence, null, historyAt));
    }

    private void pulled(MessageHandoff target, Message message, long generation) {
        if (generation != pullGeneration.get()) {
            message.nak(); // this member stopped pulling: the team's sender gets it now, not after ack_wait
            return;
        }
        long sequence = message.metaData().streamSequence();
        lastSeen.accumulateAndGet(sequence, Math::max);
        StreamPosition position = position(message, sequence, new JsAck(message), null);
        if (!acks.track(position)) {
            message.inProgress(); // redelivered while this member still works on it: decide it once
            return;
        }
        if (!target.offer(message, position)) {
            acks.giveBack(sequence, position.deliveries(), REFUSED_REDELIVERY_MILLIS);
        }
    }

    private StreamPosition position(Message message, long sequence, JsAck ack, Instant historyAt) {
        String msgId = message.hasHeaders() ? message.getHeaders().getFirst("Nats-Msg-Id") : null;
        return new StreamPosition(stream, sequence, msgId == null || msgId.isBlank()
                ? StreamPosition.idOf(stream, sequence) : msgId, message.metaData().deliveredCount(), ack,
                historyAt);
    }
}
