package dev.klaxon.app.ui.shell;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.app.testing.FakeEngine;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.app.ui.audit.AuditView;
import dev.klaxon.app.ui.command.CommandPalette;
import dev.klaxon.app.ui.command.ShortcutsOverlay;
import dev.klaxon.app.ui.deadletters.DeadLetterView;
import dev.klaxon.app.ui.live.LiveView;
import dev.klaxon.app.ui.silences.SilencesView;
import dev.klaxon.decision.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every control an operator can reach in the shown console says what it does to a screen reader or on hover: a
 * tooltip or accessible text, for buttons with text too (that is where their shortcut and effect are explained),
 * and for labels that are only an icon. Walks each view and both overlays.
 */
@ExtendWith(ApplicationExtension.class)
class AccessibilityWalkTest {
    private final FakeEngine engine = new FakeEngine();
    private final Set<String> checked = new java.util.concurrent.ConcurrentSkipListSet<>();
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = ShownWindow.show(stage, engine, "Waiting");
    }

    @AfterEach
    void stop() {
        ShownWindow.close(window);
    }

    @Test
    void everyControlHasATooltipOrAccessibleText(FxRobot robot) {
        engine.publish("alerts.prod.db", "{\"summary\":\"disk\"}", Outcome.FORWARDED, 1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> fx(() ->
                robot.lookup("#subjects-table").queryAs(javafx.scene.control.TableView.class).getItems().size()) == 1);
        fx(() -> {
            window.showInfo("First run", "A banner's close button is a control too.");
            return null;
        });
        Set<String> missing = new LinkedHashSet<>();
        List<Runnable> views = List.of(() -> window.show(LiveView.class), () -> window.show(AuditView.class),
                () -> window.show(DeadLetterView.class), () -> window.show(SilencesView.class));
        for (Runnable view : views) {
            missing.addAll(walkAfter(view));
        }
        missing.addAll(walkAfter(() -> window.commands().find(CommandPalette.COMMAND_ID).action().run()));
        missing.addAll(walkAfter(() -> window.commands().find(ShortcutsOverlay.COMMAND_ID).action().run()));
        assertThat(missing).as("controls with neither a tooltip nor accessible text").isEmpty();
        // The walk did reach into the views and the overlays.
        assertThat(checked).contains("theme-button", "pause-button", "subject-filter", "live-view-button",
                "incident-refresh", "palette-field", "shortcuts-close", "message-detail");
        assertThat(checked.size()).isGreaterThan(20);
    }

    private List<String> walkAfter(Runnable show) {
        fx(() -> {
            show.run();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents(3); // skins, and so the controls inside views, come with a pulse
        return fx(() -> {
            List<String> found = new ArrayList<>();
            walk(stage.getScene().getRoot(), found);
            return found;
        });
    }

    private void walk(Node node, List<String> missing) {
        if (mustSayWhatItIs(node)) {
            Control control = (Control) node;
            checked.add(control.getId() == null ? describe(control) : control.getId());
            if (control.getTooltip() == null && blank(control.getAccessibleText())) {
                missing.add(describe(control));
            }
            return; // what a control's skin is made of is the control's business
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                walk(child, missing);
            }
        }
    }

    private static boolean mustSayWhatItIs(Node node) {
        return node instanceof ButtonBase || node instanceof TextInputControl || node instanceof ComboBoxBase<?>
                || node instanceof ChoiceBox<?> || node instanceof Spinner<?>
                // An icon-only label counts while it is shown: status labels get their words when they appear.
                // A graphic that is itself a worded label (a column header's title with a tooltip) speaks for it.
                || node instanceof Label label && label.isVisible() && label.getGraphic() != null
                && blank(label.getText()) && !(label.getGraphic() instanceof Labeled worded && !blank(worded.getText()));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String describe(Control control) {
        StringBuilder where = new StringBuilder();
        for (Parent up = control.getParent(); up != null && where.length() < 200; up = up.getParent()) {
            if (up.getId() != null) {
                where.append(" in #").append(up.getId());
                break;
            }
        }
        String text = control instanceof javafx.scene.control.Labeled labeled ? labeled.getText()
                : control instanceof TextInputControl input ? input.getPromptText() : null;
        return control.getClass().getSimpleName() + (control.getId() == null ? "" : "#" + control.getId())
                + (blank(text) ? "" : " \"" + text + "\"") + where;
    }
}
