package dev.klaxon.app;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.app.backend.engine.EngineBackend;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.app.ui.live.SubjectRow;
import dev.klaxon.app.ui.shell.MainWindow;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.engine.Engine;
import dev.klaxon.incidents.IncidentDesk;
import dev.klaxon.natsserver.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console end to end: a real nats-server, the real engine, the real window; messages published with jnats.
 * Headless under Monocle (see the surefire settings in app/pom.xml).
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleIntegrationTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private NatsServerProcess server;
    private Engine engine;
    private IncidentDesk desk;
    private MainWindow window;
    private Connection publisher;
    private Path storage;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        server = NatsServerProcess.start();
        storage = Files.createTempDirectory("klaxon-console-test-");
        KlaxonConfig config = new ConfigLoader().parse("""
                nats:
                  servers: ["%s"]
                  subjects: ["alerts.>"]
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    shadow: true
                    severity: critical
                  - match: "alerts.staging.>"
                    action: log
                """.formatted(server.url(), storage), null);
        engine = Engine.create(config, Clock.systemUTC());
        engine.start();
        publisher = Nats.connect(server.url());

        desk = new IncidentDesk(config.pagerduty(), name -> null, Clock.systemUTC(), engine::recordAction,
                engine.operator());
        window = ShownWindow.show(stage, EngineBackend.of(engine, desk, null), "waiting");
    }

    @AfterEach
    void stop() throws Exception {
        fx(() -> {
            window.stop();
            return null;
        });
        publisher.close();
        desk.close();
        engine.close();
        server.close();
        try (var files = Files.walk(storage)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void publish(String subject, String body, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            publisher.publish(subject, body.getBytes(StandardCharsets.UTF_8));
        }
        publisher.flush(Duration.ofSeconds(5));
    }

    @SuppressWarnings("unchecked")
    private TableView<SubjectRow> table(FxRobot robot) {
        return robot.lookup("#subjects-table").queryAs(TableView.class);
    }

    private List<String> shown(FxRobot robot) {
        TableView<SubjectRow> table = table(robot);
        return fx(() -> table.getItems().stream().map(SubjectRow::subject).toList());
    }

    /** The count the table shows for a subject, -1 while it has no row. */
    private long count(FxRobot robot, String subject) {
        TableView<SubjectRow> table = table(robot);
        return fx(() -> table.getItems().stream().filter(r -> r.subject().equals(subject)).findFirst()
                .map(r -> r.totalProperty().get()).orElse(-1L));
    }

    private long engineCount(String subject) {
        return engine.snapshot().subjects().stream().filter(s -> s.subject().equals(subject))
                .mapToLong(s -> s.total()).findFirst().orElse(-1);
    }

    @Test
    void aPublishedSubjectAppearsWithItsCount(FxRobot robot) throws Exception {
        publish("alerts.prod.db.primary", "{\"summary\":\"disk full\"}", 7);
        publish("alerts.staging.api", "{\"summary\":\"slow\"}", 2);

        await().atMost(PATIENCE).until(() -> count(robot, "alerts.prod.db.primary") == 7
                && count(robot, "alerts.staging.api") == 2);
        assertThat(shown(robot)).containsExactly("alerts.prod.db.primary", "alerts.staging.api");
        Label received = robot.lookup("#received-count").queryAs(Label.class);
        await().atMost(PATIENCE).until(() -> fx(received::getText).equals("received 9"));
        Label connection = robot.lookup("#connection-status").queryAs(Label.class);
        assertThat(fx(connection::getText)).isEqualTo("Connected  " + server.url());
    }

    @Test
    void selectingASubjectShowsItsMessagePrettyPrinted(FxRobot robot) throws Exception {
        publish("alerts.prod.db.primary",
                "{\"summary\":\"disk full\",\"severity\":\"critical\",\"custom_details\":{\"free_mb\":12}}", 1);
        await().atMost(PATIENCE).until(() -> count(robot, "alerts.prod.db.primary") == 1);

        robot.clickOn("alerts.prod.db.primary");
        await().atMost(PATIENCE).until(() -> tailCell(robot).isPresent());
        robot.clickOn(tailCell(robot).orElseThrow());

        TextArea detail = robot.lookup("#message-detail").queryAs(TextArea.class);
        await().atMost(PATIENCE).until(() -> fx(detail::getText).contains("body (JSON)"));
        String text = fx(detail::getText);
        assertThat(text).contains("""
                {
                  "summary": "disk full",
                  "severity": "critical",
                  "custom_details": {
                    "free_mb": 12
                  }
                }""");
        assertThat(text).contains("subject   alerts.prod.db.primary").contains("decision  shadowed");
    }

    private static Optional<Node> tailCell(FxRobot robot) {
        return robot.lookup("#tail-table .table-row-cell").<Node>queryAll().stream()
                .filter(row -> row instanceof javafx.scene.control.TableRow<?> r && r.getItem() != null)
                .findFirst();
    }

    @Test
    void wildcardAndTextFiltersNarrowTheTable(FxRobot robot) throws Exception {
        publish("alerts.prod.db", "{}", 1);
        publish("alerts.prod.api", "{}", 1);
        publish("alerts.staging.db", "{}", 1);
        await().atMost(PATIENCE).until(() -> shown(robot).size() == 3);

        fx(() -> {
            stage.requestFocus();
            return null;
        });
        robot.clickOn("#subject-filter").write("alerts.prod.>");
        await().atMost(PATIENCE).until(() -> shown(robot).size() == 2);
        assertThat(shown(robot)).containsExactlyInAnyOrder("alerts.prod.db", "alerts.prod.api");

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE); // clears the filter and leaves it
        robot.write("/");
        robot.write("STAGING");
        await().atMost(PATIENCE).until(() -> shown(robot).equals(List.of("alerts.staging.db")));
        assertThat(fx(() -> ((Labeled) robot.lookup("#filter-mode").query()).getText())).isEqualTo("text match");
    }

    @Test
    void pauseStopsUpdatesAndResumeCatchesUp(FxRobot robot) throws Exception {
        publish("alerts.prod.db", "{}", 3);
        await().atMost(PATIENCE).until(() -> count(robot, "alerts.prod.db") == 3);

        robot.clickOn("#pause-button");
        Label paused = robot.lookup("#paused-indicator").queryAs(Label.class);
        assertThat(fx(paused::isVisible)).isTrue();

        publish("alerts.prod.db", "{}", 5);
        publish("alerts.staging.new", "{}", 1);
        // The engine keeps counting while paused...
        await().atMost(PATIENCE).until(() -> engineCount("alerts.prod.db") == 8
                && engineCount("alerts.staging.new") == 1);
        // ...and the console has had time to read that (several polls, several frames) but shows the old picture.
        Label received = robot.lookup("#received-count").queryAs(Label.class);
        await().atMost(PATIENCE).until(() -> fx(received::getText).equals("received 9"));
        WaitForAsyncUtils.waitForFxEvents(5);
        assertThat(count(robot, "alerts.prod.db")).isEqualTo(3);
        assertThat(shown(robot)).doesNotContain("alerts.staging.new");

        fx(() -> {
            stage.requestFocus();
            return null;
        });
        robot.clickOn("alerts.prod.db");
        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        await().atMost(PATIENCE).until(() -> count(robot, "alerts.prod.db") == 8
                && shown(robot).contains("alerts.staging.new"));
        assertThat(fx(paused::isVisible)).isFalse();
    }
}
