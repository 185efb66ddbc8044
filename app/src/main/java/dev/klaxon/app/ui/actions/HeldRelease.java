package dev.klaxon.app.ui.actions;

import dev.klaxon.app.backend.ActionsBackend;
import dev.klaxon.app.backend.HeldBatch;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.app.ui.common.FxThread;
import java.util.function.BiConsumer;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Sends what flood state held back for a subject, after the operator confirmed. Releasing can page many times at
 * once, so it is confirmed with the count, and Enter alone cancels: only the button that names the count sends.
 * Used by the live view's "r" and the flood view's Release buttons. FX thread only.
 */
public final class HeldRelease {
    private final ActionsBackend actions;
    private final BiConsumer<String, String> report;

    /** @param report told (title, text) what the release did, to show the operator */
    public HeldRelease(ActionsBackend actions, BiConsumer<String, String> report) {
        this.actions = actions;
        this.report = report;
    }

    /**
     * Confirms and releases exactly {@code batch}: the count shown where the operator clicked is the count the
     * dialog names and the count sent. Triggers held after that picture stay held, and the report says so.
     */
    public void confirmAndRelease(HeldBatch batch, Window owner) {
        String subject = batch.subject();
        int held = batch.count();
        if (held == 0) {
            report.accept("Nothing held", subject + " has no held triggers to release.");
            return;
        }
        ButtonType send = new ButtonType("Release " + Formats.count(held), ButtonBar.ButtonData.OK_DONE);
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Send the " + triggers(held) + " that flood state "
                + "held back for " + subject + " to PagerDuty now? They go through the outbox, within the routing "
                + "key's budget. Triggers held after this count stay held.", ButtonType.CANCEL, send);
        confirm.setTitle("Release held triggers");
        confirm.setHeaderText("Release held triggers of " + subject);
        confirm.initOwner(owner);
        confirm.getDialogPane().setId("release-dialog");
        ((Button) confirm.getDialogPane().lookupButton(send)).setDefaultButton(false);
        ((Button) confirm.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        confirm.showAndWait().filter(send::equals).ifPresent(ok -> FxThread.whenDone(actions.release(batch),
                (released, failure) -> {
                    if (failure != null) {
                        report.accept("Not released", Formats.oneLine(FxThread.message(failure), 300));
                    } else {
                        report.accept("Released", outcome(batch, released, actions.held(subject).count()));
                    }
                }));
    }

    /** What went, said against what was confirmed, and what is still held (arrived since, or left by a shortfall). */
    static String outcome(HeldBatch confirmed, int released, int stillHeld) {
        String subject = confirmed.subject();
        String sent = released == confirmed.count()
                ? Formats.count(released) + " held trigger" + (released == 1 ? "" : "s") + " of " + subject
                        + (released == 1 ? " is" : " are") + " in the outbox."
                : Formats.count(released) + " of the " + triggers(confirmed.count()) + " confirmed for " + subject
                        + " went to the outbox: the others were released elsewhere or forgotten meanwhile.";
        return stillHeld == 0 ? sent : sent + " " + Formats.count(stillHeld) + " held since then stay held.";
    }

    private static String triggers(int count) {
        return Formats.count(count) + " trigger" + (count == 1 ? "" : "s");
    }
}
