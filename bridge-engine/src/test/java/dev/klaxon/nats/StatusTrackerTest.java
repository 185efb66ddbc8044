package dev.klaxon.nats;

import static dev.klaxon.nats.ConnectionState.CLOSED;
import static dev.klaxon.nats.ConnectionState.CONNECTED;
import static dev.klaxon.nats.ConnectionState.CONNECTING;
import static dev.klaxon.nats.ConnectionState.DISCONNECTED;
import static dev.klaxon.nats.ConnectionState.RECONNECTING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusTrackerTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final StatusTracker tracker = new StatusTracker(clock);
    private final StatusRecorder recorder = new StatusRecorder();

    @Test
    void aNewListenerHearsTheCurrentStatusAtOnce() {
        tracker.subscribe(recorder);

        assertThat(recorder.all()).containsExactly(ConnectionStatus.initial(T0));
    }

    @Test
    void repeatedReportsOfTheSameStateAreNotRepeatedToListeners() throws Exception {
        tracker.subscribe(recorder);
        tracker.connected("nats://a:4222", "server 2.9.10");
        clock.advance(Duration.ofSeconds(5));

        tracker.lost("Connection refused");
        tracker.lost("Connection refused");
        tracker.lost("Connection reset");

        assertThat(recorder.states()).containsExactly(CONNECTING, CONNECTED, RECONNECTING);
        assertThat(tracker.current().detail()).isEqualTo("Connection reset");
        assertThat(tracker.current().since()).isEqualTo(T0.plusSeconds(5));
        assertThat(tracker.current().server()).isEqualTo("nats://a:4222");
    }

    @Test
    void losingALinkNeverMadeStaysConnecting() {
        tracker.subscribe(recorder);

        tracker.lost("Connection refused");

        assertThat(recorder.states()).containsExactly(CONNECTING);
        assertThat(tracker.current().detail()).isEqualTo("Connection refused");
    }

    @Test
    void afterGivingUpRetriesStayDisconnectedUntilAConnectionSucceeds() {
        tracker.subscribe(recorder);

        tracker.gaveUp("Authorization Violation");
        tracker.lost("Authorization Violation");
        tracker.connected("nats://a:4222", "server 2.9.10");

        assertThat(recorder.states()).containsExactly(CONNECTING, DISCONNECTED, CONNECTED);
    }

    @Test
    void closedIsFinal() {
        tracker.subscribe(recorder);
        tracker.closed();

        tracker.connected("nats://a:4222", "late event");
        tracker.lost("late event");
        tracker.note("late event");
        tracker.closed();

        assertThat(recorder.states()).containsExactly(CONNECTING, CLOSED);
        assertThat(tracker.current().detail()).isEqualTo("closed");
    }

    @Test
    void aNoteUpdatesTheDetailWithoutNotifying() {
        tracker.subscribe(recorder);

        tracker.note("Connection refused");

        assertThat(recorder.all()).hasSize(1);
        assertThat(tracker.current().detail()).isEqualTo("Connection refused");
        assertThat(tracker.current().since()).isEqualTo(T0);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        tracker.subscribe(status -> {
            throw new IllegalStateException("listener bug");
        });
        tracker.subscribe(recorder);

        tracker.connected("nats://a:4222", "ok");

        assertThat(recorder.states()).containsExactly(CONNECTING, CONNECTED);
    }

    @Test
    void closingTheRegistrationStopsNotifications() throws Exception {
        AutoCloseable registration = tracker.subscribe(recorder);

        registration.close();
        tracker.connected("nats://a:4222", "ok");

        assertThat(recorder.states()).containsExactly(CONNECTING);
    }

    @Test
    void eachLostConnectionIsCountedAndItsGapTimedUntilConnectedAgain() {
        tracker.subscribe(recorder);
        clock.advance(Duration.ofSeconds(3));
        tracker.connected("nats://a:4222", "server 2.10");
        assertThat(tracker.current().disconnections()).as("connecting the first time is no gap").isZero();

        clock.advance(Duration.ofSeconds(10));
        tracker.lost("Connection reset");
        assertThat(tracker.current().disconnections()).isEqualTo(1);
        assertThat(tracker.current().timeDisconnected()).as("an open gap").isZero();
        clock.advance(Duration.ofSeconds(4));
        tracker.gaveUp("Connection refused"); // the same gap goes on through DISCONNECTED
        clock.advance(Duration.ofSeconds(8));
        tracker.lost("Connection refused");
        tracker.note("Connection refused");
        tracker.connected("nats://a:4222", "server 2.10");

        assertThat(tracker.current().disconnections()).isEqualTo(1);
        assertThat(tracker.current().timeDisconnected()).isEqualTo(Duration.ofSeconds(12));

        clock.advance(Duration.ofSeconds(30));
        tracker.lost("Stale connection");
        clock.advance(Duration.ofMillis(1_500));
        tracker.connected("nats://a:4222", "server 2.10");
        tracker.closed();

        assertThat(recorder.states()).containsExactly(CONNECTING, CONNECTED, RECONNECTING, DISCONNECTED, CONNECTED,
                RECONNECTING, CONNECTED, CLOSED);
        assertThat(tracker.current().disconnections()).as("closing on request is no gap").isEqualTo(2);
        assertThat(tracker.current().timeDisconnected()).isEqualTo(Duration.ofMillis(13_500));
        assertThat(recorder.all().get(recorder.all().size() - 2).timeDisconnected())
                .isEqualTo(Duration.ofMillis(13_500));
    }

    @Test
    void aGapRemembersWhenTheLastMessageArrivedBeforeItBegan() {
        Instant[] lastMessage = {null};
        StatusTracker withMessages = new StatusTracker(clock, () -> lastMessage[0]);
        withMessages.connected("nats://a:4222", "server 2.10");
        clock.advance(Duration.ofSeconds(5));
        withMessages.lost("Connection reset");
        assertThat(withMessages.current().lastMessageBeforeGap()).as("no message yet").isNull();
        withMessages.connected("nats://a:4222", "server 2.10");

        lastMessage[0] = clock.instant();
        clock.advance(Duration.ofSeconds(65)); // a stalled server: the pings take this long to tell
        withMessages.lost("Stale connection");
        lastMessage[0] = clock.instant(); // read once, when the gap begins
        withMessages.connected("nats://a:4222", "server 2.10");

        assertThat(withMessages.current().lastMessageBeforeGap()).isEqualTo(T0.plusSeconds(5));
        assertThat(withMessages.current().disconnections()).isEqualTo(2);
    }

    @Test
    void failingToConnectBeforeTheFirstConnectionIsNoGap() {
        tracker.lost("Connection refused");
        tracker.gaveUp("Connection refused");
        clock.advance(Duration.ofSeconds(20));
        tracker.connected("nats://a:4222", "server 2.10");

        assertThat(tracker.current().disconnections()).isZero();
        assertThat(tracker.current().timeDisconnected()).isZero();
    }
}
