package dev.klaxon.app.ui.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.incidents.ActionResult;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentTextTest {
    private static final Instant NOW = Instant.parse("2026-03-01T03:00:00Z");

    @Test
    void agesAreShortEnoughForANarrowColumn() {
        assertThat(IncidentText.age(NOW.minusSeconds(42), NOW)).isEqualTo("42 s");
        assertThat(IncidentText.age(NOW.minusSeconds(4 * 60 + 5), NOW)).isEqualTo("4 min");
        assertThat(IncidentText.age(NOW.minusSeconds(2 * 3600 + 5 * 60), NOW)).isEqualTo("2 h 5 min");
        assertThat(IncidentText.age(NOW.minusSeconds(3 * 86_400 + 7), NOW)).isEqualTo("3 d");
        assertThat(IncidentText.age(null, NOW)).isEqualTo("—");
    }

    @Test
    void resultsNameIncidentsByNumberAndFailuresByPagerDutysReason() {
        Map<String, Integer> numbers = Map.of("P1", 12, "P2", 13);
        assertThat(IncidentText.result(new ActionResult("incident.acknowledge", List.of(
                new ActionResult.Outcome("P1", true, "acknowledged"),
                new ActionResult.Outcome("P2", true, "acknowledged"))), numbers)).isEqualTo("#12, #13: acknowledged");
        assertThat(IncidentText.result(new ActionResult("incident.resolve", List.of(
                new ActionResult.Outcome("P1", true, "resolved"),
                new ActionResult.Outcome("P2", false, "incident is already resolved"))), numbers))
                .isEqualTo("Could not resolve #13: incident is already resolved");
    }

    @Test
    void theLineUnderATitleSaysUrgencyServiceAssigneeAndAlerts() {
        IncidentSummary incident = new IncidentSummary("P1", 12, "Disk full", "triggered", "high", "S1", "Payments",
                "k", NOW, null, List.of("Ada", "Lin"), new IncidentSummary.AlertCounts(1, 1, 0), null, List.of());
        assertThat(IncidentText.meta(incident)).isEqualTo("high urgency · Payments · Ada, Lin · 1 alert");
        assertThat(IncidentText.name(incident)).isEqualTo("#12 Disk full");
        IncidentSummary several = new IncidentSummary("P2", 13, "Disk full", "acknowledged", "low", "S1", "Payments",
                "k", NOW, null, List.of(), new IncidentSummary.AlertCounts(3, 2, 1), null, List.of());
        assertThat(IncidentText.alerts(several)).isEqualTo("3 alerts (2 triggered)");
    }

    @Test
    void onCallIsListedByLevelAndAHostileTitleStaysInert() {
        assertThat(IncidentText.onCall(List.of(
                new dev.klaxon.pagerduty.rest.OnCall("U1", "Ann", "EP1", "Policy", 1, null, null),
                new dev.klaxon.pagerduty.rest.OnCall("U2", "Bob", "EP1", "Policy", 2, null, null)), 6))
                .isEqualTo("L1 Ann, L2 Bob");
        assertThat(IncidentText.onCall(List.of(), 6)).isEqualTo("unknown");
        IncidentSummary hostile = new IncidentSummary("P1", 12, "evil\u202Eexe\n<b>x</b>", "triggered", "high",
                "S1", "Payments", "k", NOW, null, List.of(), new IncidentSummary.AlertCounts(1, 1, 0), null, List.of());
        assertThat(IncidentText.name(hostile)).isEqualTo("#12 evil\\u202Eexe <b>x</b>");
        assertThat(IncidentText.tooltip(hostile, NOW, List.of())).startsWith("#12 evil\\u202Eexe <b>x</b>\n");
    }
}
