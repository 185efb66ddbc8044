package dev.klaxon.app.ui.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.app.outlets.Alert;
import dev.klaxon.guard.FloodStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewFloodsTest {
    private static final Instant SINCE = Instant.parse("2026-03-01T14:00:00Z");

    private final NewFloods finder = new NewFloods();

    private static FloodStatus flood(String subject, long held) {
        return new FloodStatus(subject, SINCE, held);
    }

    @Test
    void subjectsAlreadyFloodingAtTheFirstLookAreNotNew() {
        assertThat(finder.next(List.of(flood("alerts.prod.db", 40)))).isEmpty();
        assertThat(finder.next(List.of(flood("alerts.prod.db", 41)))).isEmpty();
    }

    @Test
    void aSubjectEnteringFloodStateAlertsOnce() {
        finder.next(List.of());
        List<Alert> alerts = finder.next(List.of(flood("alerts.prod.db", 31)));
        assertThat(alerts).hasSize(1);
        Alert alert = alerts.get(0);
        assertThat(alert.kind()).isEqualTo(Alert.Kind.FLOOD);
        assertThat(alert.key()).isEqualTo("flood:alerts.prod.db");
        assertThat(alert.title()).isEqualTo("Flood: alerts.prod.db");
        assertThat(alert.text()).contains("31 so far");
        // Still flooding, more held: not new.
        assertThat(finder.next(List.of(flood("alerts.prod.db", 90)))).isEmpty();
    }

    @Test
    void onlyTheNewcomerOfSeveralAlerts() {
        finder.next(List.of(flood("a", 1)));
        assertThat(finder.next(List.of(flood("a", 2), flood("b", 1)))).extracting(Alert::key)
                .containsExactly("flood:b");
    }

    @Test
    void aSubjectThatLeftAndFloodsAgainIsNewAgain() {
        finder.next(List.of());
        finder.next(List.of(flood("a", 31)));
        finder.next(List.of());
        // The policy decides whether that is too soon; the finder only says it is new.
        assertThat(finder.next(List.of(flood("a", 31)))).hasSize(1);
    }

    @Test
    void theSameListObjectIsNotLookedAtTwice() {
        finder.next(List.of());
        List<FloodStatus> now = List.of(flood("a", 31));
        assertThat(finder.next(now)).hasSize(1);
        assertThat(finder.next(now)).isEmpty();
    }
}
