package dev.klaxon.app.ui.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.app.outlets.Alert;
import dev.klaxon.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertPolicyTest {
    private static final Instant START = Instant.parse("2026-03-01T14:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final AlertPolicy policy = new AlertPolicy(clock);

    private static Alert flood(String subject) {
        return new Alert(Alert.Kind.FLOOD, "flood:" + subject, "Flood: " + subject, "");
    }

    @Test
    void theFirstAlertForASubjectGoesOut() {
        assertThat(policy.admit(List.of(flood("alerts.prod.db")))).containsExactly(flood("alerts.prod.db"));
    }

    @Test
    void aSecondAlertForTheSameSubjectWithinAMinuteDoesNot() {
        policy.admit(List.of(flood("alerts.prod.db")));
        clock.advance(Duration.ofSeconds(59));
        assertThat(policy.admit(List.of(flood("alerts.prod.db")))).isEmpty();
    }

    @Test
    void theSameSubjectAlertsAgainOnceTheMinuteIsOver() {
        policy.admit(List.of(flood("alerts.prod.db")));
        clock.advance(Duration.ofSeconds(30));
        assertThat(policy.admit(List.of(flood("alerts.prod.db")))).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        // A minute after the one that went out, not after the one held back.
        assertThat(policy.admit(List.of(flood("alerts.prod.db")))).containsExactly(flood("alerts.prod.db"));
    }

    @Test
    void aDifferentSubjectWithinTheMinuteDoes() {
        policy.admit(List.of(flood("alerts.prod.db")));
        clock.advance(Duration.ofSeconds(10));
        assertThat(policy.admit(List.of(flood("alerts.prod.db"), flood("alerts.prod.api"))))
                .containsExactly(flood("alerts.prod.api"));
    }

    @Test
    void twoAlertsWithOneKeyInOneBatchAreOne() {
        Alert first = new Alert(Alert.Kind.INCIDENT, "service:P1", "New incident on A", "#1");
        Alert second = new Alert(Alert.Kind.INCIDENT, "service:P1", "New incident on A", "#2");
        assertThat(policy.admit(List.of(first, second))).containsExactly(first);
    }

    @Test
    void aTimedMuteSuppressesEverythingThenExpires() {
        policy.muteFor(Duration.ofMinutes(15));
        assertThat(policy.mute()).isEqualTo(new AlertPolicy.Mute(true, START.plus(Duration.ofMinutes(15))));
        assertThat(policy.admit(List.of(flood("a")))).isEmpty();
        clock.advance(Duration.ofMinutes(14).plusSeconds(59));
        assertThat(policy.admit(List.of(flood("b")))).isEmpty();
        assertThat(policy.mute().on()).isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertThat(policy.mute()).isEqualTo(AlertPolicy.Mute.OFF);
        // Alerts held back by the mute did not count towards the minute: "a" goes out at once.
        assertThat(policy.admit(List.of(flood("a")))).containsExactly(flood("a"));
    }

    @Test
    void muteUntilUnmutedLastsUntilUnmuted() {
        policy.muteUntilUnmuted();
        clock.advance(Duration.ofDays(3));
        assertThat(policy.mute()).isEqualTo(new AlertPolicy.Mute(true, null));
        assertThat(policy.admit(List.of(flood("a")))).isEmpty();
        policy.unmute();
        assertThat(policy.mute().on()).isFalse();
        assertThat(policy.admit(List.of(flood("a")))).containsExactly(flood("a"));
    }

    @Test
    void theLastMuteChosenWinsEvenWhenShorter() {
        policy.muteFor(Duration.ofHours(1));
        policy.muteFor(Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(16));
        assertThat(policy.mute().on()).isFalse();
    }

    @Test
    void aMuteNeedsAPositivePeriod() {
        assertThatThrownBy(() -> policy.muteFor(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAlertDuringTheMinuteOfAnotherKeyIsNotHeldByIt() {
        policy.admit(List.of(flood("a")));
        clock.advance(Duration.ofSeconds(50));
        policy.admit(List.of(flood("b")));
        clock.advance(Duration.ofSeconds(20));
        // a: 70 s since its alert; b: 20 s.
        assertThat(policy.admit(List.of(flood("a"), flood("b")))).containsExactly(flood("a"));
    }
}
