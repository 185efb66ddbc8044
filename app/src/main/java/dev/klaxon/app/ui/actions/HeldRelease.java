package dev.klaxon.app.ui.actions;

import dev.klaxon.app.backend.ActionsBackend;
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

    public void confirmAndRelease(String subject, Window owner) {
        int held = actions.heldCount(subject);
        if (held == 0) {
            report.accept("Nothing held", subject + " has no held triggers to release.");
            return;
        }
        ButtonType send = new ButtonType("Release " + Formats.count(held), ButtonBar.ButtonData.OK_DONE);
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Send the " + Formats.count(held) + " trigger"
                + (held == 1 ? "" : "s") + " that flood state held back for " + subject + " to PagerDuty now? They go "
                + "through the outbox, within the routing key's budget.", ButtonType.CANCEL, send);
        confirm.setTitle("Release held triggers");
        confirm.setHeaderText("Release held triggers of " + subject);
        confirm.initOwner(owner);
        confirm.getDialogPane().setId("release-dialog");
        ((Button) confirm.getDialogPane().lookupButton(send)).setDefaultButton(false);
        ((Button) confirm.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        confirm.showAndWait().filter(send::equals).ifPresent(ok -> FxThread.whenDone(
                actions.releaseHeld(subject), (released, failure) -> {
                    if (failure != null) {
                        report.accept("Not released", Formats.oneLine(FxThread.message(failure), 300));
                    } else {
                        report.accept("Released", Formats.count(released) + " held trigger"
                                + (released == 1 ? "" : "s") + " of " + subject + " are in the outbox.");
                    }
                }));
    }
}
