package dev.klaxon.app.testing;

import dev.klaxon.app.backend.IncidentsBackend;
import dev.klaxon.incidents.ActionResult;
import dev.klaxon.incidents.DeskSnapshot;
import dev.klaxon.incidents.DeskState;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * PagerDuty incidents in memory, behind the console's incidents door: it shows the incidents it is given, records
 * each action it is asked for ("acknowledge P1,P2"), answers it at once, and fails what the test says to fail.
 */
public final class FakeIncidents implements IncidentsBackend {
    private final List<String> asked = new ArrayList<>();
    private final List<String> opened = new ArrayList<>();
    private volatile DeskSnapshot snapshot;
    private volatile String failing;

    public FakeIncidents(List<IncidentSummary> open, Instant fetchedAt) {
        snapshot = new DeskSnapshot(DeskState.OK, null, open, false, fetchedAt, null, Map.of());
    }

    /** An open incident as PagerDuty lists it. */
    public static IncidentSummary incident(String id, int number, String title, String status, Instant created) {
        return new IncidentSummary(id, number, title, status, "high", "S" + number, "Service " + number, null,
                created, "https://example.pagerduty.com/incidents/" + id, List.of("On-call L1"),
                new IncidentSummary.AlertCounts(1, 1, 0), "PEP" + number, List.of("PUSR1"));
    }

    /** From now on, this action ("acknowledge", "resolve", ...) fails as a network error would. */
    public void failing(String action) {
        failing = action;
    }

    public synchronized List<String> asked() {
        return List.copyOf(asked);
    }

    public synchronized List<String> opened() {
        return List.copyOf(opened);
    }

    @Override
    public DeskSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public CompletableFuture<DeskSnapshot> refreshNow() {
        return CompletableFuture.completedFuture(snapshot);
    }

    @Override
    public CompletableFuture<ActionResult> acknowledge(List<String> incidentIds) {
        return act("acknowledge", incidentIds, "acknowledged");
    }

    @Override
    public CompletableFuture<ActionResult> resolve(List<String> incidentIds, String note) {
        return act("resolve", incidentIds, "resolved");
    }

    @Override
    public CompletableFuture<ActionResult> escalate(String incidentId, int level) {
        return act("escalate", List.of(incidentId), "escalated to level " + level);
    }

    @Override
    public CompletableFuture<ActionResult> snooze(String incidentId, Duration duration) {
        return act("snooze", List.of(incidentId), "snoozed");
    }

    @Override
    public CompletableFuture<ActionResult> addNote(String incidentId, String content) {
        return act("note", List.of(incidentId), "note added");
    }

    @Override
    public synchronized CompletableFuture<Void> openInBrowser(String url) {
        opened.add(url);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<String>> linkedSubjects(List<String> dedupKeys) {
        return CompletableFuture.completedFuture(List.of());
    }

    private synchronized CompletableFuture<ActionResult> act(String action, List<String> ids, String done) {
        asked.add(action + " " + String.join(",", ids));
        if (action.equals(failing)) {
            return CompletableFuture.failedFuture(new java.io.IOException("connection reset by PagerDuty"));
        }
        return CompletableFuture.completedFuture(new ActionResult("incident." + action,
                ids.stream().map(id -> new ActionResult.Outcome(id, true, done)).toList()));
    }
}
