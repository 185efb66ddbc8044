package dev.klaxon.team;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.message.StreamAck;
import dev.klaxon.message.StreamPosition;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The bookkeeping that decides when a pulled message may be acknowledged. The JetStream side is tested end to end in
 * the team tests; here each delivery's handle records what it was told, so an interleaving that is rare against a
 * cluster (a lease lost and taken back while events still settle) can be played exactly.
 */
class PendingAcksTest {
    private static final long SEQUENCE = 63;

    private final PendingAcks acks = new PendingAcks();

    private record Told(long delivery, String what) { }

    private final List<Told> told = new CopyOnWriteArrayList<>();

    private StreamPosition delivery(long deliveries) {
        StreamAck ack = new StreamAck() {
            @Override
            public void ack() {
                told.add(new Told(deliveries, "ack"));
            }

            @Override
            public void inProgress() {
                told.add(new Told(deliveries, "in progress"));
            }

            @Override
            public void nak(long delayMillis) {
                told.add(new Told(deliveries, "nak"));
            }
        };
        return new StreamPosition("KLAXON", SEQUENCE, "KLAXON:" + SEQUENCE, deliveries, ack, null);
    }

    @Test
    void aMessageIsAcknowledgedOnceDecidedAndItsEventsAreSettled() {
        acks.track(delivery(1));
        acks.expect(SEQUENCE, 1, 1);
        acks.decided(SEQUENCE, 1);
        assertThat(told).isEmpty();

        acks.settled(SEQUENCE, 1);

        assertThat(told).containsExactly(new Told(1, "ack"));
        assertThat(acks.tracks(SEQUENCE, 1)).isFalse();
    }

    @Test
    void anEventOfADeliveryLetGoOfNeverSettlesTheNewerDelivery() {
        // The sender pulls delivery 1 and commits its event; it loses the lease (let go of, unacknowledged), takes
        // it back, and the stream hands it delivery 2, which makes its own event.
        acks.track(delivery(1));
        acks.expect(SEQUENCE, 1, 1);
        acks.decided(SEQUENCE, 1);
        acks.abandonAll();
        acks.track(delivery(2));
        acks.expect(SEQUENCE, 2, 1);
        acks.decided(SEQUENCE, 2);

        // The old event was superseded (handed to the team) and settles now: it must not acknowledge delivery 2,
        // whose own event has not been sent. Before deliveries were told apart this acked, and the message was lost.
        assertThat(acks.tracks(SEQUENCE, 1)).isFalse();
        acks.settled(SEQUENCE, 1);
        assertThat(told).isEmpty();
        assertThat(acks.tracks(SEQUENCE, 2)).isTrue();

        acks.settled(SEQUENCE, 2);
        assertThat(told).containsExactly(new Told(2, "ack"));
    }

    @Test
    void aLateDecisionOfTheOlderDeliveryDoesNotDecideTheNewerOne() {
        acks.track(delivery(1));
        acks.abandonAll();
        acks.track(delivery(2));

        acks.expect(SEQUENCE, 1, 0);
        acks.decided(SEQUENCE, 1);
        acks.giveBack(SEQUENCE, 1, 1_000);

        assertThat(told).isEmpty();
        assertThat(acks.tracks(SEQUENCE, 2)).isTrue();
        acks.decided(SEQUENCE, 2);
        assertThat(told).containsExactly(new Told(2, "ack"));
    }

    @Test
    void aRedeliveryWhileTrackedKeepsTheFirstDeliveryButAnswersWithTheNewestHandle() {
        acks.track(delivery(1));
        acks.expect(SEQUENCE, 1, 1);
        acks.decided(SEQUENCE, 1);

        assertThat(acks.track(delivery(2))).isFalse();
        assertThat(acks.tracks(SEQUENCE, 1)).isTrue();
        acks.settled(SEQUENCE, 1);

        assertThat(told).containsExactly(new Told(2, "ack"));
    }
}
