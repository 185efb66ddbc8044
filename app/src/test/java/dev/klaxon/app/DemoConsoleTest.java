package dev.klaxon.app;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.app.backend.engine.EngineBackend;
import dev.klaxon.app.prefs.Theme;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.app.ui.shell.MainWindow;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import dev.klaxon.simulator.Incident;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
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
 * {@code --demo} end to end: the demo's own nats-server, feed and simulated PagerDuty, the session the console
 * opens for it, the real window. A production alert opens an incident in the simulator, the incidents panel shows
 * it labelled as simulated, and {@code a} acknowledges it there.
 */
@ExtendWith(ApplicationExtension.class)
class DemoConsoleTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Path home;
    private Session session;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        home = Files.createTempDirectory("klaxon-demo-console-test-");
        session = Session.open(new LaunchOptions(LaunchOptions.Mode.RUN, true, null, Theme.DARK), home, name -> null,
                p -> { });
        window = ShownWindow.show(stage, EngineBackend.of(session.engine(), session.incidents(), null), "waiting");
        fx(() -> {
            ConsoleApp.markDemo(window, session);
            return null;
        });
    }

    @AfterEach
    void stop() throws Exception {
        ShownWindow.close(window);
        session.close();
        try (var files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aProductionAlertOpensASimulatedIncidentAndAAcknowledgesIt(FxRobot robot) {
        TableView<IncidentSummary> table = incidents(robot);
        await().atMost(PATIENCE).until(() -> fx(() -> !table.getItems().isEmpty()));
        assertThat(fx(() -> robot.lookup("#incidents-simulated").queryAs(Label.class).getText()))
                .isEqualTo("simulated PagerDuty");
        assertThat(fx(() -> robot.lookup("#pagerduty-status").queryAs(Label.class).getText()))
                .startsWith("Simulated PagerDuty");

        robot.clickOn(robot.lookup("#incidents-table .table-row-cell").nth(0).<javafx.scene.Node>query());
        IncidentSummary picked = fx(() -> table.getSelectionModel().getSelectedItem());
        assertThat(picked).isNotNull();
        robot.type(KeyCode.A);

        await().atMost(PATIENCE).until(() -> session.demo().pagerDuty().incidents().stream()
                .filter(incident -> incident.id().equals(picked.id())).findFirst().map(Incident::status)
                .orElse(null) == Incident.Status.ACKNOWLEDGED);
        await().atMost(PATIENCE).until(() -> fx(() -> table.getItems().stream()
                .filter(incident -> incident.id().equals(picked.id())).findFirst()
                .map(IncidentSummary::status).orElse("")).equals("acknowledged"));

        fx(() -> {
            window.show(dev.klaxon.app.ui.rules.RulesView.class);
            return null;
        });
        // The view joins the scene on a pulse after the one that showed it.
        await().atMost(PATIENCE).until(() -> fx(() -> robot.lookup("#rules-shadow").tryQuery()
                .map(node -> ((Label) node).getText()).orElse("")).startsWith("1 rule is in shadow"));
    }

    @SuppressWarnings("unchecked")
    private static TableView<IncidentSummary> incidents(FxRobot robot) {
        return robot.lookup("#incidents-table").queryAs(TableView.class);
    }
}
