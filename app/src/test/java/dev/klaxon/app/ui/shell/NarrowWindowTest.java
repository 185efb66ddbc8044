package dev.klaxon.app.ui.shell;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.app.testing.FakeEngine;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.decision.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The console on a 1024 × 700 laptop screen: every control of the toolbar, the incidents panel's actions and the
 * status bar lies inside the window (before: the filter was cut to a few letters, pause and the theme switch were
 * off the window, and so were the status bar's PagerDuty, outbox and team).
 */
@ExtendWith(ApplicationExtension.class)
class NarrowWindowTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final double WIDTH = 1024;

    private final FakeEngine engine = new FakeEngine();
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = ShownWindow.show(stage, engine, WIDTH, 700);
    }

    @AfterEach
    void stop() {
        ShownWindow.close(window);
    }

    @Test
    void everyControlOfTheToolbarTheIncidentActionsAndTheStatusBarIsInsideTheWindow(FxRobot robot) {
        engine.publish("alerts.prod.db", "{}", Outcome.FORWARDED, 3);
        await().atMost(PATIENCE).until(() -> fx(() -> robot.lookup("#subjects-table").tryQuery().isPresent()));

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(outside(robot, ".console-toolbar")).isEmpty();
            assertThat(outside(robot, ".incident-actions")).isEmpty();
            assertThat(outside(robot, ".status-bar")).isEmpty();
        });
        TextField filter = robot.lookup("#subject-filter").queryAs(TextField.class);
        assertThat(fx(filter::getWidth)).isGreaterThanOrEqualTo(150);
        assertThat(fx(() -> robot.lookup("#pause-button").query().isVisible())).isTrue();
        assertThat(fx(() -> robot.lookup("#theme-button").query().isVisible())).isTrue();
        // What gives way in the status bar is the least important, and the "more" mark says what it was.
        assertThat(fx(() -> robot.lookup("#connection-status").query().isVisible())).isTrue();
        assertThat(fx(() -> robot.lookup("#pagerduty-status").query().isVisible())).isTrue();
        assertThat(fx(() -> robot.lookup("#dead-letter-count").query().isVisible())).isTrue();
        Label more = robot.lookup("#status-more").queryAs(Label.class);
        if (fx(more::isVisible)) {
            assertThat(fx(() -> more.getTooltip().getText())).startsWith("Not shown at this width:");
            assertThat(fx(() -> robot.lookup("#received-count").query().isVisible())).isFalse();
        }
        // The view switch keeps its icons; the words are in each button's tooltip and accessible text.
        ToggleButton audit = robot.lookup("#audit-view-button").queryAs(ToggleButton.class);
        assertThat(fx(audit::getContentDisplay)).isEqualTo(ContentDisplay.GRAPHIC_ONLY);
        assertThat(fx(audit::getAccessibleText)).isEqualTo("Audit");
    }

    /** Controls under {@code selector} that are shown but reach past the window's right edge. */
    private static List<String> outside(FxRobot robot, String selector) {
        return fx(() -> {
            List<String> outside = new ArrayList<>();
            for (Node root : robot.lookup(selector).queryAll()) {
                collect(root, outside);
            }
            return outside;
        });
    }

    private static void collect(Node node, List<String> outside) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Control control && control.getWidth() > 0) {
            Bounds bounds = control.localToScene(control.getLayoutBounds());
            if (bounds.getMaxX() > WIDTH + 0.5 || bounds.getMinX() < -0.5) {
                outside.add((control.getId() == null ? control.getClass().getSimpleName() : "#" + control.getId())
                        + " at " + Math.round(bounds.getMinX()) + ".." + Math.round(bounds.getMaxX()));
            }
            return;
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, outside));
        }
    }
}
