package dev.klaxon.app;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.app.backend.engine.EngineBackend;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.app.ui.shell.MainWindow;
import dev.klaxon.audit.AuditKind;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineOptions;
import dev.klaxon.incidents.DeskTiming;
import dev.klaxon.incidents.IncidentDesk;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.simulator.ReceivedRequest;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
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
 * Snooze, note and open in the browser from the incidents panel, end to end: an alert published on a real
 * nats-server goes through the real engine to the PagerDuty double, the desk polls it back, and the keys in the panel
 * send what PagerDuty expects, audited by the engine.
 */
@ExtendWith(ApplicationExtension.class)
class IncidentActionsConsoleTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String ROUTING_KEY = "0123456789abcdef0123456789abcdef";

    private final List<String> opened = new CopyOnWriteArrayList<>();
    private final List<Boolean> openedOnFxThread = new CopyOnWriteArrayList<>();
    private NatsServerProcess server;
    private PagerDutySimulator pd;
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
        pd = PagerDutySimulator.start();
        storage = Files.createTempDirectory("klaxon-incident-actions-test-");
        KlaxonConfig config = new ConfigLoader().parse("""
                nats:
                  servers: ["%s"]
                  subjects: ["alerts.>"]
                pagerduty:
                  events_url: "%s"
                  api_url: "%s"
                  api_token_env: PD_API_TOKEN
                  from_email: "%s"
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_ROUTING_KEY
                    severity: critical
                """.formatted(server.url(), pd.eventsUrl(), pd.apiUrl(), PagerDutySimulator.USER_EMAIL, storage), null);
        Map<String, String> env = Map.of("PD_ROUTING_KEY", ROUTING_KEY, "PD_API_TOKEN", PagerDutySimulator.API_TOKEN);
        engine = Engine.create(config, Clock.systemUTC(), EngineOptions.defaults().withEnvironment(env::get));
        engine.start();
        desk = new IncidentDesk(config.pagerduty(), env::get, Clock.systemUTC(), engine::recordAction,
                engine.operator(), new DeskTiming(Duration.ofSeconds(1), Duration.ofMillis(50), 10));
        desk.start();
        publisher = Nats.connect(server.url());
        window = ShownWindow.show(stage, EngineBackend.of(engine, desk, url -> {
            openedOnFxThread.add(Platform.isFxApplicationThread());
            opened.add(url);
        }), "waiting");
    }

    @AfterEach
    void stop() throws Exception {
        ShownWindow.close(window);
        publisher.close();
        desk.close();
        engine.close();
        pd.close();
        server.close();
        try (var files = Files.walk(storage)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @SuppressWarnings("unchecked")
    private TableView<IncidentSummary> table(FxRobot robot) {
        return robot.lookup("#incidents-table").queryAs(TableView.class);
    }

    private String text(FxRobot robot, String id) {
        Label label = robot.lookup(id).queryAs(Label.class);
        return fx(label::getText);
    }

    private List<ReceivedRequest> requests(String method, String path) {
        return pd.received().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    private void type(FxRobot robot, KeyCode key) {
        robot.press(key).release(key);
    }

    /** Publishes one alert, waits for its incident in the panel, selects it and gives the table the keyboard. */
    private void incidentFromAnAlert(FxRobot robot) throws Exception {
        publisher.publish("alerts.prod.db", "{\"summary\":\"Disk 91% on db-1\",\"severity\":\"critical\"}"
                .getBytes(StandardCharsets.UTF_8));
        publisher.flush(Duration.ofSeconds(5));
        await().atMost(PATIENCE).until(() -> fx(() -> table(robot).getItems().size()) == 1);
        fx(() -> {
            table(robot).getSelectionModel().clearAndSelect(0);
            stage.requestFocus();
            table(robot).requestFocus();
            return null;
        });
    }

    private List<AuditRow> audited(String action) {
        return engine.searchAudit(AuditQuery.all().kinds(AuditKind.ACTION)).stream()
                .filter(row -> action.equals(row.action())).toList();
    }

    @Test
    void theSelectedIncidentShowsWhoIsOnCallItsDedupKeyAndTheSubjectItCameFrom(FxRobot robot) throws Exception {
        incidentFromAnAlert(robot);
        String dedupKey = pd.incidents().get(0).dedupKey();

        await().atMost(PATIENCE).until(() -> text(robot, "#incident-oncall")
                .equals("On call for Service 1: L1 On-call L1, L2 On-call L2, L3 On-call L3"));
        assertThat(text(robot, "#incident-keys")).isEqualTo("Dedup keys: " + dedupKey);
        await().atMost(PATIENCE).until(() -> text(robot, "#incident-subjects").equals("Subjects: alerts.prod.db"));
        assertThat(text(robot, "#incident-detail-facts")).startsWith("triggered · high urgency · open for ")
                .endsWith(" · 1 alert · assigned to On-call L1");
    }

    @Test
    void zRefusesATriggeredIncidentInWordsThenSnoozesItOnceAcknowledged(FxRobot robot) throws Exception {
        incidentFromAnAlert(robot);

        type(robot, KeyCode.Z);
        assertThat(text(robot, "#incidents-progress"))
                .isEqualTo("PagerDuty only snoozes acknowledged incidents: press a to acknowledge #1 first");
        assertThat(robot.lookup("#snooze-dialog").tryQuery()).isEmpty();

        type(robot, KeyCode.A);
        await().atMost(PATIENCE).until(() -> fx(() -> table(robot).getItems().get(0).status())
                .equals("acknowledged"));
        fx(() -> {
            table(robot).getSelectionModel().clearAndSelect(0);
            table(robot).requestFocus();
            return null;
        });
        type(robot, KeyCode.Z);
        robot.clickOn("#snooze-4h");
        type(robot, KeyCode.ENTER);

        await().atMost(PATIENCE).until(() -> requests("POST", "/incidents/PDBL1/snooze").size() == 1);
        ReceivedRequest snooze = requests("POST", "/incidents/PDBL1/snooze").get(0);
        assertThat(snooze.json().get("duration").asInt()).isEqualTo(4 * 3600);
        assertThat(snooze.header("From")).isEqualTo(PagerDutySimulator.USER_EMAIL);
        await().atMost(PATIENCE).until(() -> text(robot, "#incidents-progress").equals("#1: snoozed for 4h"));
        assertThat(fx(() -> table(robot).getItems().get(0).status())).isEqualTo("acknowledged");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(audited("incident.snooze"))
                .extracting(AuditRow::target, AuditRow::state).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("PDBL1", "ok")));
    }

    @Test
    void aCustomSnoozeThatDoesNotReadIsNamedAndTheDialogStays(FxRobot robot) throws Exception {
        incidentFromAnAlert(robot);
        desk.acknowledge(List.of("PDBL1")).get();
        await().atMost(PATIENCE).until(() -> fx(() -> table(robot).getItems().get(0).status())
                .equals("acknowledged"));
        fx(() -> {
            table(robot).getSelectionModel().clearAndSelect(0);
            table(robot).requestFocus();
            return null;
        });

        type(robot, KeyCode.Z);
        robot.clickOn("#snooze-custom");
        robot.clickOn("#snooze-custom-text").write("8d");
        type(robot, KeyCode.ENTER);
        assertThat(text(robot, "#snooze-problem")).isEqualTo("Custom duration: PagerDuty snoozes for 1 second to 7 days");
        assertThat(requests("POST", "/incidents/PDBL1/snooze")).isEmpty();

        robot.doubleClickOn("#snooze-custom-text").eraseText(2).write("90m");
        type(robot, KeyCode.ENTER);
        await().atMost(PATIENCE).until(() -> requests("POST", "/incidents/PDBL1/snooze").size() == 1);
        assertThat(requests("POST", "/incidents/PDBL1/snooze").get(0).json().get("duration").asInt())
                .isEqualTo(5400);
    }

    @Test
    void nAddsANoteToTheIncidentsTimelineAndTheAudit(FxRobot robot) throws Exception {
        incidentFromAnAlert(robot);

        type(robot, KeyCode.N);
        javafx.scene.control.TextArea note = robot.lookup("#note-text").queryAs(javafx.scene.control.TextArea.class);
        robot.clickOn(note).write("replica lag caused it; failing over");
        await().atMost(PATIENCE).until(() -> fx(note::getText).equals("replica lag caused it; failing over"));
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(pd.notes("PDBL1"))
                .containsExactly("replica lag caused it; failing over"));
        assertThat(requests("POST", "/incidents/PDBL1/notes").get(0).json().path("note").path("content").asText())
                .isEqualTo("replica lag caused it; failing over");
        await().atMost(PATIENCE).until(() -> text(robot, "#incidents-progress").equals("#1: note added"));
        await().atMost(PATIENCE).until(() -> audited("incident.note").size() == 1);
    }

    @Test
    void oOpensTheIncidentsPageThroughTheInjectedBrowserOffTheFxThread(FxRobot robot) throws Exception {
        incidentFromAnAlert(robot);

        type(robot, KeyCode.O);

        await().atMost(PATIENCE).until(() -> opened.equals(List.of("https://double.pagerduty.test/incidents/PDBL1")));
        assertThat(openedOnFxThread).containsExactly(false);
        await().atMost(PATIENCE).until(() -> text(robot, "#incidents-progress").equals("Opened #1 in the browser"));
    }
}
