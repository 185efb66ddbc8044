package dev.klaxon.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.pagerduty.rest.IncidentSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertKeyIndexTest {
    private static IncidentSummary incident(int number, String status, String key) {
        return new IncidentSummary("P" + number, number, "title " + number, status, "high", "S", "Service", key, null,
                null, List.of(), new IncidentSummary.AlertCounts(1, 1, 0), null, List.of());
    }

    @Test
    void incidentKeysAreKnownAtOnceAndAlertKeysOnceLookedUp() {
        AlertKeyIndex index = new AlertKeyIndex(100);
        List<IncidentSummary> open = List.of(incident(1, "triggered", "k1"), incident(2, "triggered", "k2"));

        assertThat(index.needingLookup(open, 1)).containsExactly("P1");
        index.lookedUp("P1", List.of("k1", "k1b"));
        index.update(open, true);

        assertThat(index.view()).containsEntry("k1", new IncidentRef("P1", 1, "triggered"))
                .containsEntry("k1b", new IncidentRef("P1", 1, "triggered"))
                .containsEntry("k2", new IncidentRef("P2", 2, "triggered"));
        assertThat(index.needingLookup(open, 10)).containsExactly("P2");
    }

    @Test
    void anIncidentThatLeavesACompleteListingWasResolvedButAPartialListingProvesNothing() {
        AlertKeyIndex index = new AlertKeyIndex(100);
        index.update(List.of(incident(1, "acknowledged", "k1"), incident(2, "triggered", "k2")), true);

        index.update(List.of(incident(2, "triggered", "k2")), false);
        assertThat(index.view().get("k1").status()).isEqualTo("acknowledged");

        index.update(List.of(incident(2, "triggered", "k2")), true);
        assertThat(index.view().get("k1")).isEqualTo(new IncidentRef("P1", 1, "resolved"));
    }

    @Test
    void theOldestKeysGoFirstWhenFull() {
        AlertKeyIndex index = new AlertKeyIndex(2);
        index.update(List.of(incident(1, "triggered", "k1"), incident(2, "triggered", "k2"),
                incident(3, "triggered", "k3")), true);

        assertThat(index.view()).containsOnlyKeys("k2", "k3");
    }
}
