package dev.klaxon.app.ui.incidents;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.app.testing.FakeBackend;
import dev.klaxon.app.testing.FakeEngine;
import dev.klaxon.app.testing.FakeIncidents;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.app.ui.shell.MainWindow;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The incidents panel over the backend's incidents door alone, with no HTTP behind it: what the keys ask of the door,
 * and what the panel says of its answers. (IncidentsPaneTest runs the same panel over the real desk and the PagerDuty
 * double.)
 */
@ExtendWith(ApplicationExtension.class)
class IncidentsSeamTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Instant NOW = Instant.now();

    private final FakeIncidents incidents = new FakeIncidents(List.of(
            FakeIncidents.incident("P1", 1, "Disk 91% on db-1", "triggered", NOW.minusSeconds(600)),
            FakeIncidents.incident("P2", 2, "Replica lag", "acknowledged", NOW.minusSeconds(60))), NOW);
    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = ShownWindow.show(stage, new FakeBackend(new FakeEngine()).incidents(incidents), "Waiting");
    }

    @AfterEach
    void tearDown() {
        ShownWindow.close(window);
    }

    @SuppressWarnings("unchecked")
    private void select(FxRobot robot, int row) {
        TableView<IncidentSummary> table = robot.lookup("#incidents-table").queryAs(TableView.class);
        await().atMost(PATIENCE).until(() -> fx(() -> table.getItems().size()) == 2);
        fx(() -> {
            table.getSelectionModel().clearAndSelect(row);
            stage.requestFocus();
            table.requestFocus();
            return null;
        });
    }

    private String progress(FxRobot robot) {
        Label label = robot.lookup("#incidents-progress").queryAs(Label.class);
        return fx(label::getText);
    }

    @Test
    void aAsksTheDoorToAcknowledgeTheSelectedIncidentAndSaysItWasDone(FxRobot robot) {
        select(robot, 0);
        robot.press(KeyCode.A).release(KeyCode.A);

        await().atMost(PATIENCE).until(() -> incidents.asked().equals(List.of("acknowledge P1")));
        await().atMost(PATIENCE).until(() -> progress(robot).equals("#1: acknowledged"));
    }

    @Test
    void aFailedActionIsSaidWithItsCauseAndLeavesThePanelReady(FxRobot robot) {
        incidents.failing("acknowledge");
        select(robot, 1);
        robot.press(KeyCode.A).release(KeyCode.A);

        await().atMost(PATIENCE).until(() -> progress(robot).equals("Failed: connection reset by PagerDuty"));
        assertThat(incidents.asked()).containsExactly("acknowledge P2");
        assertThat(fx(() -> robot.lookup("#incident-acknowledge").query().isDisabled())).isFalse();
    }

    @Test
    void oOpensTheIncidentsPageThroughTheDoor(FxRobot robot) {
        select(robot, 1);
        robot.press(KeyCode.O).release(KeyCode.O);

        await().atMost(PATIENCE).until(() -> incidents.opened().equals(
                List.of("https://example.pagerduty.com/incidents/P2")));
        await().atMost(PATIENCE).until(() -> progress(robot).equals("Opened #2 in the browser"));
    }
}
