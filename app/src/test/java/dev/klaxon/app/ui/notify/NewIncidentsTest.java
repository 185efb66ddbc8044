package dev.klaxon.app.ui.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.app.outlets.Alert;
import dev.klaxon.incidents.DeskSnapshot;
import dev.klaxon.incidents.DeskState;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewIncidentsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T14:00:00Z");

    private final NewIncidents finder = new NewIncidents();
    private int polls;

    private static IncidentSummary incident(String id, String status, String service, String title) {
        return new IncidentSummary(id, Integer.parseInt(id.substring(1)), title, status, "high", service,
                "Service " + service, "key-" + id, T0, "https://example.pagerduty.com/incidents/" + id, List.of(),
                new IncidentSummary.AlertCounts(1, 1, 0), null, List.of());
    }

    private DeskSnapshot poll(IncidentSummary... incidents) {
        polls++;
        return new DeskSnapshot(DeskState.OK, null, List.of(incidents), false, T0.plusSeconds(polls), null,
                Map.of());
    }

    @Test
    void incidentsOpenAtTheFirstLookAreNotNew() {
        assertThat(finder.next(poll(incident("P1", "triggered", "S1", "Disk full")))).isEmpty();
    }

    @Test
    void nothingBeforeTheFirstGoodPollCountsAsALook() {
        assertThat(finder.next(new DeskSnapshot(DeskState.STARTING, "Loading…", List.of(), false, null, null,
                Map.of()))).isEmpty();
        // The first poll with data is still the baseline.
        assertThat(finder.next(poll(incident("P1", "triggered", "S1", "Disk full")))).isEmpty();
    }

    @Test
    void aNewTriggeredIncidentAlertsOnce() {
        finder.next(poll(incident("P1", "triggered", "S1", "Disk full")));
        List<Alert> alerts = finder.next(poll(incident("P1", "triggered", "S1", "Disk full"),
                incident("P2", "triggered", "S2", "API 5xx <b>2%</b>")));
        assertThat(alerts).containsExactly(new Alert(Alert.Kind.INCIDENT, "service:S2", "New incident on Service S2",
                "#2 API 5xx <b>2%</b> (high urgency)"));
        assertThat(finder.next(poll(incident("P1", "triggered", "S1", "Disk full"),
                incident("P2", "triggered", "S2", "API 5xx")))).isEmpty();
    }

    @Test
    void theSameSnapshotTwiceIsOneLook() {
        finder.next(poll());
        DeskSnapshot next = poll(incident("P2", "triggered", "S2", "API 5xx"));
        assertThat(finder.next(next)).hasSize(1);
        assertThat(finder.next(next)).isEmpty();
    }

    @Test
    void newIncidentsOfOneServiceInOnePollAreOneAlert() {
        finder.next(poll());
        List<Alert> alerts = finder.next(poll(incident("P2", "triggered", "S1", "a"),
                incident("P3", "triggered", "S1", "b"), incident("P4", "triggered", "S2", "c")));
        assertThat(alerts).extracting(Alert::key).containsExactly("service:S1", "service:S2");
        assertThat(alerts.get(0).title()).isEqualTo("2 new incidents on Service S1");
        assertThat(alerts.get(0).text()).isEqualTo("#2 a (high urgency)\n#3 b (high urgency)");
    }

    @Test
    void anIncidentAlreadyAcknowledgedWhenFirstSeenIsNotAlerted() {
        finder.next(poll());
        assertThat(finder.next(poll(incident("P2", "acknowledged", "S1", "a")))).isEmpty();
    }

    @Test
    void anIncidentThatLeavesATruncatedListAndComesBackIsNotNew() {
        finder.next(poll(incident("P1", "triggered", "S1", "a")));
        finder.next(poll());
        assertThat(finder.next(poll(incident("P1", "triggered", "S1", "a")))).isEmpty();
    }

    @Test
    void anIncidentWithoutAServiceIsKeyedByItsOwnId() {
        finder.next(poll());
        IncidentSummary lone = new IncidentSummary("P9", 9, "Lonely", "triggered", "low", null, null, null, null,
                null, List.of(), new IncidentSummary.AlertCounts(1, 1, 0), null, List.of());
        assertThat(finder.next(poll(lone))).containsExactly(
                new Alert(Alert.Kind.INCIDENT, "service:P9", "New incident on a PagerDuty service", "#9 Lonely"));
    }

    @Test
    void aHostileTitleStaysOnOneLine() {
        finder.next(poll());
        List<Alert> alerts = finder.next(poll(incident("P2", "triggered", "S1", "line one\nline two\tthree")));
        assertThat(alerts.get(0).text()).isEqualTo("#2 line one line two three (high urgency)");
    }
}
