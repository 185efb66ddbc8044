package dev.klaxon.team;

import dev.klaxon.message.StreamAck;
import dev.klaxon.message.StreamPosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages the sender pulled and has not acknowledged yet, by stream sequence, with how many of their events
 * still wait for PagerDuty. A message is acknowledged only once it is decided and every event it made is settled
 * (202, dead letter, superseded by the team's fence): a sender that dies before that leaves it to the stream, which
 * redelivers it. An event handed to the team (the lease lapsed before it was sent) settles nothing: its message is
 * given back.
 *
 * <p>A message is tracked as one delivery: the first this member pulled since it last let go of the sequence. A member
 * that stopped being the sender and took the lease back sees the same sequence again as a newer delivery, while the
 * events it made of the older one may still be settling (superseded: handed to the team). Those belong to a delivery
 * no longer tracked, so they neither count against the new one nor let it be acknowledged before its own events are
 * settled: every call names the delivery (JetStream's delivered count) it is about.
 * Thread-safe.
 */
final class PendingAcks {
    private static final class Pending {
        private final long delivery;
        private StreamAck ack;
        private int events;
        private boolean decided;

        Pending(long delivery, StreamAck ack) {
            this.delivery = delivery;
            this.ack = ack;
        }
    }

    private final Map<Long, Pending> bySequence = new HashMap<>();

    /**
     * Starts tracking a pulled message.
     *
     * @return false when it is already tracked (a redelivery while this member still works on it): the caller keeps
     *         it from being decided twice
     */
    synchronized boolean track(StreamPosition position) {
        Pending known = bySequence.get(position.sequence());
        if (known != null) {
            known.ack = position.ack(); // the newest delivery's handle is the one the server expects
            return false;
        }
        bySequence.put(position.sequence(), new Pending(position.deliveries(), position.ack()));
        return true;
    }

    /** True when that delivery of the message is the one this member tracks. */
    synchronized boolean tracks(long sequence, long delivery) {
        return current(sequence, delivery) != null;
    }

    /** The delivery made {@code events} events that the outbox took (or holds in memory for it). */
    synchronized void expect(long sequence, long delivery, int events) {
        Pending pending = current(sequence, delivery);
        if (pending != null) {
            pending.events += events;
        }
    }

    /** The delivery is decided and counted; acknowledged now if it has no event left to settle. */
    void decided(long sequence, long delivery) {
        StreamAck ack;
        synchronized (this) {
            Pending pending = current(sequence, delivery);
            if (pending == null) {
                return;
            }
            pending.decided = true;
            ack = finishedAck(sequence, pending);
        }
        if (ack != null) {
            ack.ack();
        }
    }

    /** One event made of that delivery reached its final state. */
    void settled(long sequence, long delivery) {
        StreamAck ack;
        synchronized (this) {
            Pending pending = current(sequence, delivery);
            if (pending == null) {
                return;
            }
            pending.events--;
            ack = finishedAck(sequence, pending);
        }
        if (ack != null) {
            ack.ack();
        }
    }

    /** This member cannot keep that delivery (its queue or storage is full): the server redelivers it soon. */
    void giveBack(long sequence, long delivery, long delayMillis) {
        Pending pending;
        synchronized (this) {
            pending = current(sequence, delivery);
            if (pending != null) {
                bySequence.remove(sequence);
            }
        }
        if (pending != null) {
            pending.ack.nak(delayMillis);
        }
    }

    /** Forgets every message unacknowledged: this member stopped being the sender; the stream redelivers them. */
    synchronized int abandonAll() {
        int count = bySequence.size();
        bySequence.clear();
        return count;
    }

    /** Tells the server this member still works on every tracked message, so it does not redeliver them. */
    void keepAlive() {
        List<StreamAck> acks;
        synchronized (this) {
            acks = new ArrayList<>(bySequence.size());
            bySequence.values().forEach(pending -> acks.add(pending.ack));
        }
        acks.forEach(StreamAck::inProgress);
    }

    synchronized int size() {
        return bySequence.size();
    }

    private Pending current(long sequence, long delivery) {
        Pending pending = bySequence.get(sequence);
        return pending != null && pending.delivery == delivery ? pending : null;
    }

    private StreamAck finishedAck(long sequence, Pending pending) {
        if (pending.decided && pending.events <= 0) {
            bySequence.remove(sequence);
            return pending.ack;
        }
        return null;
    }
}
