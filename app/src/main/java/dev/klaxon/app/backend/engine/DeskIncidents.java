package dev.klaxon.app.backend.engine;

import dev.klaxon.app.backend.AuditBackend;
import dev.klaxon.app.backend.IncidentsBackend;
import dev.klaxon.audit.AuditKind;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.incidents.ActionResult;
import dev.klaxon.incidents.DeskSnapshot;
import dev.klaxon.incidents.IncidentDesk;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The incident desk (it polls and acts on its own thread), the audit for the subjects behind an incident, and the
 * desktop's browser for its page.
 *
 * @param browser opens a web page off the FX thread, failing where this console cannot
 */
public record DeskIncidents(IncidentDesk desk, AuditBackend audit, Function<String, CompletableFuture<Void>> browser)
        implements IncidentsBackend {
    static final int ROWS_PER_KEY = 50;
    static final int MAX_SUBJECTS = 20;

    @Override
    public DeskSnapshot snapshot() {
        return desk.snapshot();
    }

    @Override
    public CompletableFuture<DeskSnapshot> refreshNow() {
        return desk.refreshNow();
    }

    @Override
    public CompletableFuture<ActionResult> acknowledge(List<String> incidentIds) {
        return desk.acknowledge(incidentIds);
    }

    @Override
    public CompletableFuture<ActionResult> resolve(List<String> incidentIds, String note) {
        return desk.resolve(incidentIds, note);
    }

    @Override
    public CompletableFuture<ActionResult> escalate(String incidentId, int level) {
        return desk.escalate(incidentId, level);
    }

    @Override
    public CompletableFuture<ActionResult> snooze(String incidentId, Duration duration) {
        return desk.snooze(incidentId, duration);
    }

    @Override
    public CompletableFuture<ActionResult> addNote(String incidentId, String content) {
        return desk.addNote(incidentId, content);
    }

    @Override
    public CompletableFuture<Void> openInBrowser(String url) {
        return browser.apply(url);
    }

    /** Bounded in keys, rows and answer; only an exact dedup_key links a subject (the search matches substrings). */
    @Override
    public CompletableFuture<List<String>> linkedSubjects(List<String> dedupKeys) {
        CompletableFuture<Set<String>> found = CompletableFuture.completedFuture(new LinkedHashSet<>());
        for (String key : dedupKeys) {
            AuditQuery query = AuditQuery.all().kinds(AuditKind.FORWARDED).text(key).limit(ROWS_PER_KEY);
            found = found.thenCompose(subjects -> subjects.size() >= MAX_SUBJECTS
                    ? CompletableFuture.completedFuture(subjects)
                    : audit.search(query).thenApply(rows -> add(subjects, key, rows)));
        }
        return found.thenApply(subjects -> List.copyOf(subjects).subList(0, Math.min(subjects.size(), MAX_SUBJECTS)));
    }

    private static Set<String> add(Set<String> subjects, String key, List<AuditRow> rows) {
        for (AuditRow row : rows) {
            if (key.equals(row.dedupKey()) && row.subject() != null && subjects.size() < MAX_SUBJECTS) {
                subjects.add(row.subject());
            }
        }
        return subjects;
    }
}
