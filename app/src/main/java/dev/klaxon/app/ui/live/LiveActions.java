package dev.klaxon.app.ui.live;

import dev.klaxon.app.backend.ActionsBackend;
import dev.klaxon.app.backend.HeldBatch;
import dev.klaxon.app.ui.actions.EscalationDialog;
import dev.klaxon.app.ui.actions.HeldRelease;
import dev.klaxon.app.ui.actions.MatcherSuggestions;
import dev.klaxon.app.ui.actions.SilenceDialog;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.app.ui.common.FxThread;
import dev.klaxon.message.Severity;
import dev.klaxon.stats.TailEntry;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * What the operator can do from the live view besides looking: silence a subject (its row) or messages like one in
 * the tail, release what flood state held back for a subject, and escalate a tail message to PagerDuty by hand. Each
 * action is in the row's context menu and on a key ("s" silences, "r" releases, "e" escalates) while that table has
 * the keyboard (those keys are registered in {@link MainWindow}'s commands). FX thread only.
 */
public final class LiveActions {
    private final SubjectTable subjects;
    private final TailPane tail;
    private final SilenceDialog silenceDialog;
    private final EscalationDialog escalationDialog;
    private final MatcherSuggestions suggestions = new MatcherSuggestions();
    private final BiConsumer<String, String> report;
    private final ActionsBackend actions;
    private final HeldRelease release;
    private final Function<String, HeldBatch> heldShown;

    /**
     * @param heldShown what is held under a subject as its flood badge counts it: r names and releases that batch
     * @param report    told (title, text) what an action did, to show the operator
     */
    public LiveActions(SubjectTable subjects, TailPane tail, ActionsBackend actions,
                       Function<String, HeldBatch> heldShown, BiConsumer<String, String> report) {
        this.subjects = subjects;
        this.heldShown = heldShown;
        this.tail = tail;
        this.report = report;
        this.actions = actions;
        this.silenceDialog = new SilenceDialog(actions, subjects.node());
        this.escalationDialog = new EscalationDialog(actions, tail.node());
        this.release = new HeldRelease(actions, report);
    }

    public void install() {
        MenuItem silenceSubject = new MenuItem("Silence this subject…  (S)",
                new FontIcon(Material2MZ.NOTIFICATIONS_OFF));
        silenceSubject.setId("menu-silence-subject");
        silenceSubject.setOnAction(e -> silenceSelectedSubject());
        MenuItem releaseItem = new MenuItem("Release held triggers…  (R)",
                new FontIcon(Material2MZ.PLAY_CIRCLE_OUTLINE));
        releaseItem.setId("menu-release-held");
        ContextMenu subjectMenu = new ContextMenu(silenceSubject, releaseItem);
        subjectMenu.setOnShowing(e -> {
            SubjectRow row = subjects.selectedRow().get();
            silenceSubject.setDisable(!silenceable(row));
            // Read once: the item names this count, and choosing it confirms and releases exactly these.
            HeldBatch batch = silenceable(row) ? heldShown.apply(row.subject()) : null;
            int held = batch == null ? 0 : batch.count();
            releaseItem.setOnAction(a -> release.confirmAndRelease(batch, subjects.node().getScene().getWindow()));
            releaseItem.setDisable(held == 0);
            releaseItem.setText(held == 0 ? "Release held triggers  (R): none held" : "Release " + Formats.count(held)
                    + " held trigger" + (held == 1 ? "" : "s") + "…  (R)");
        });
        subjects.node().setContextMenu(subjectMenu);

        MenuItem silenceMessage = new MenuItem("Silence messages like this…  (S)",
                new FontIcon(Material2MZ.NOTIFICATIONS_OFF));
        silenceMessage.setId("menu-silence-message");
        silenceMessage.setOnAction(e -> silenceSelectedMessage());
        MenuItem escalate = new MenuItem("Escalate to PagerDuty…  (E)", new FontIcon(Material2MZ.SEND));
        escalate.setId("menu-escalate-message");
        escalate.setOnAction(e -> escalateSelectedMessage());
        ContextMenu tailMenu = new ContextMenu(silenceMessage, escalate);
        tailMenu.setOnShowing(e -> {
            boolean none = tail.selectedEntry().get() == null;
            silenceMessage.setDisable(none);
            escalate.setDisable(none);
        });
        tail.node().setContextMenu(tailMenu);
    }

    /** The engine's buckets (over the cap, invalid) are not subjects one can name in a pattern. */
    private static boolean silenceable(SubjectRow row) {
        return row != null && !row.isOther();
    }

    public void silenceSelectedSubject() {
        SubjectRow row = subjects.selectedRow().get();
        if (silenceable(row)) {
            silenceDialog.open(row.subject(), List.of(), this::reportSilence);
        }
    }

    /** Releasing can page many times at once: {@link HeldRelease} confirms with the count. */
    public void releaseSelectedSubject() {
        SubjectRow row = subjects.selectedRow().get();
        if (silenceable(row)) {
            release.confirmAndRelease(heldShown.apply(row.subject()), subjects.node().getScene().getWindow());
        }
    }

    public void silenceSelectedMessage() {
        TailEntry entry = tail.selectedEntry().get();
        if (entry != null) {
            silenceMessage(entry);
        }
    }

    public void escalateSelectedMessage() {
        TailEntry entry = tail.selectedEntry().get();
        if (entry != null) {
            escalateMessage(entry);
        }
    }

    /** Opens the silence dialog for messages like {@code entry} (also the message detail's button). */
    public void silenceMessage(TailEntry entry) {
        silenceDialog.open(entry.subject(), suggestions.of(entry), this::reportSilence);
    }

    /** Opens the manual escalation of {@code entry} (also the message detail's button). */
    public void escalateMessage(TailEntry entry) {
        escalationDialog.open(entry, suggestions.severity(entry).orElse(Severity.CRITICAL),
                text -> report.accept("Escalated", text));
    }

    private void reportSilence(dev.klaxon.guard.Silence silence) {
        report.accept("Silenced", Formats.oneLine(silence.label(), 300) + " until "
                + Formats.timestamp(silence.endsAt()) + ". Ctrl+4 lists the silences.");
    }

    /** Messages read back per "Older" press. */
    static final int OLDER_PAGE = 50;

    /** Whether this console can read older messages back (team mode). */
    boolean keepsHistory() {
        return actions.keepsHistory();
    }

    /**
     * Steps the detail back one message: pins the message of the same subject stored just before {@code shown},
     * from the tail when it is there, else read back from the stream (off the FX thread) with a page of the ones
     * before it.
     */
    void showOlderThan(TailEntry shown) {
        TailEntry next = tail.olderThan(shown);
        if (next != null) {
            tail.pick(next);
            return;
        }
        String subject = tail.subject();
        if (subject == null || shown.streamSequence() == 0 || !subject.equals(shown.subject())) {
            return;
        }
        FxThread.whenDone(actions.olderMessages(subject, shown, OLDER_PAGE), (entries, failure) -> {
            if (failure != null) {
                report.accept("Older messages", "Could not read them back: " + FxThread.message(failure));
            } else if (entries.isEmpty() || tail.appendOlder(subject, entries) == 0) {
                report.accept("Older messages", "Nothing of " + subject + " stored before this one is kept in "
                        + "the stream.");
            } else {
                TailEntry found = tail.olderThan(shown);
                tail.pick(found != null ? found : entries.get(entries.size() - 1));
            }
        });
    }

    /**
     * Reads the page of messages before the oldest shown back from the stream (off the FX thread) and adds it below
     * the tail; says so when there is nothing older or it cannot be read.
     */
    void loadOlder() {
        String subject = tail.subject();
        TailEntry oldest = tail.oldest();
        if (subject == null || oldest == null || oldest.streamSequence() == 0) {
            return;
        }
        FxThread.whenDone(actions.olderMessages(subject, oldest, OLDER_PAGE), (entries, failure) -> {
            if (failure != null) {
                report.accept("Older messages", "Could not read them back: " + FxThread.message(failure));
            } else if (tail.appendOlder(subject, entries) == 0) {
                report.accept("Older messages", "Nothing older of " + subject + " is kept in the stream.");
            }
        });
    }
}
