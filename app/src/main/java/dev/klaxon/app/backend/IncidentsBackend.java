package dev.klaxon.app.backend;

import dev.klaxon.incidents.ActionResult;
import dev.klaxon.incidents.DeskSnapshot;
import dev.klaxon.incidents.IncidentDesk;
import dev.klaxon.incidents.IncidentRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** PagerDuty incidents as the console's desk polls them, and the responder's actions on them; each is audited. */
public interface IncidentsBackend {
    /** PagerDuty's longest snooze. */
    Duration MAX_SNOOZE = IncidentDesk.MAX_SNOOZE;
    /** PagerDuty's longest note. */
    int MAX_NOTE_CHARS = IncidentDesk.MAX_NOTE_CHARS;

    /** The latest poll's picture (memory). */
    DeskSnapshot snapshot();

    /** The incident a dedup_key landed in, when the latest poll knows it (memory). */
    default Optional<IncidentRef> incidentFor(String dedupKey) {
        return snapshot().incidentFor(dedupKey);
    }

    /** Polls now instead of at the next period. */
    CompletableFuture<DeskSnapshot> refreshNow();

    CompletableFuture<ActionResult> acknowledge(List<String> incidentIds);

    /** @param note the resolution note, or null for none */
    CompletableFuture<ActionResult> resolve(List<String> incidentIds, String note);

    CompletableFuture<ActionResult> escalate(String incidentId, int level);

    CompletableFuture<ActionResult> snooze(String incidentId, Duration duration);

    CompletableFuture<ActionResult> addNote(String incidentId, String content);

    /** Opens an incident's PagerDuty page in the desktop's browser; fails when this console cannot. */
    CompletableFuture<Void> openInBrowser(String url);

    /** Which NATS subjects fed an incident: the audit's forwarded events with one of these dedup_keys. */
    CompletableFuture<List<String>> linkedSubjects(List<String> dedupKeys);
}
