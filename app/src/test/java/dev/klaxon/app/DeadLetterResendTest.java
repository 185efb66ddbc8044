package dev.klaxon.app;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.app.backend.engine.EngineBackend;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.app.ui.shell.MainWindow;
import dev.klaxon.audit.AuditKind;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineOptions;
import dev.klaxon.incidents.DeskState;
import dev.klaxon.incidents.DeskTiming;
import dev.klaxon.incidents.IncidentDesk;
import dev.klaxon.nats.ConnectionState;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.outbox.EventRecord;
import dev.klaxon.simulator.Fault;
import dev.klaxon.simulator.PagerDutySimulator;
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
 * A page PagerDuty refuses, then re-sent from the console: real nats-server, real engine and outbox, the loopback
 * PagerDuty double for both the Events API and the REST API, the real window.
 */
@ExtendWith(ApplicationExtension.class)
class DeadLetterResendTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String ROUTING_KEY = "ffffffffffffffffffffffffffffffff";
    private static final String REFUSAL = "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
            + "\"errors\":[\"Length of 'routing_key' is incorrect (should be 32 characters)\"]}";

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
        storage = Files.createTempDirectory("klaxon-dead-letter-test-");
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
        // Polls are spaced far apart so the one scripted refusal below meets the event, not a poll.
        desk = new IncidentDesk(config.pagerduty(), env::get, Clock.systemUTC(), engine::recordAction,
                engine.operator(), new DeskTiming(Duration.ofMinutes(10), Duration.ofMillis(50), 10));
        desk.start();
        publisher = Nats.connect(server.url());
        window = ShownWindow.show(stage, EngineBackend.of(engine, desk, null), "waiting");
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
    private TableView<EventRecord> deadLetters(FxRobot robot) {
        return robot.lookup("#dead-letter-table").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private List<String> incidents(FxRobot robot) {
        TableView<IncidentSummary> table = robot.lookup("#incidents-table").queryAs(TableView.class);
        return fx(() -> table.getItems().stream().map(i -> i.title() + " " + i.status()).toList());
    }

    @Test
    void aRefusedPageIsResentFromTheConsoleAndReachesPagerDuty(FxRobot robot) throws Exception {
        await().atMost(PATIENCE).until(() -> engine.summary().connection().state() == ConnectionState.CONNECTED
                && desk.snapshot().state() == DeskState.OK);
        pd.failNext(1, Fault.respond(400, Map.of(), REFUSAL));
        publisher.publish("alerts.prod.db",
                "{\"summary\":\"Disk 97% on db-1\",\"source\":\"db-1\",\"dedup_key\":\"db-1/disk\"}"
                        .getBytes(StandardCharsets.UTF_8));
        publisher.flush(Duration.ofSeconds(5));

        Label count = robot.lookup("#dead-letter-count").queryAs(Label.class);
        await().atMost(PATIENCE).until(() -> fx(count::getText).equals("dead letters 1"));
        robot.clickOn(count);
        await().atMost(PATIENCE).until(() -> fx(() -> deadLetters(robot).getItems().size()) == 1);
        EventRecord dead = fx(() -> deadLetters(robot).getItems().get(0));
        assertThat(dead.subject()).isEqualTo("alerts.prod.db");
        assertThat(dead.dedupKey()).isEqualTo("db-1/disk");
        assertThat(dead.lastStatus()).isEqualTo(400);
        assertThat(dead.lastMessage()).contains("routing_key");
        assertThat(pd.acceptedEvents()).isEmpty();

        fx(() -> {
            stage.requestFocus();
            deadLetters(robot).getSelectionModel().select(0);
            deadLetters(robot).requestFocus();
            return null;
        });
        javafx.scene.control.TextArea detail = robot.lookup("#dead-letter-detail")
                .queryAs(javafx.scene.control.TextArea.class);
        await().atMost(PATIENCE).until(() -> fx(detail::getText).contains("HTTP       400"));
        String shown = fx(detail::getText);
        assertThat(shown).contains("should be 32 characters")
                .contains("\"routing_key\": \"******** (env PD_ROUTING_KEY)\"").doesNotContain(ROUTING_KEY);
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);

        await().atMost(PATIENCE).until(() -> pd.acceptedEvents().size() == 1);
        assertThat(pd.acceptedEvents().get(0).path("dedup_key").asText()).isEqualTo("db-1/disk");
        await().atMost(PATIENCE).until(() -> fx(() -> deadLetters(robot).getItems().isEmpty()));
        Label status = robot.lookup("#dead-letter-status").queryAs(Label.class);
        assertThat(fx(status::getText)).startsWith("Resent 1 event");
        await().atMost(PATIENCE).until(() -> engine.searchAudit(AuditQuery.all().kinds(AuditKind.ACTION)).stream()
                .anyMatch(row -> "outbox.resend".equals(row.action()) && "ok".equals(row.state())));

        // The incident it opened shows up in the panel once the desk looks again.
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        desk.refreshNow();
        await().atMost(PATIENCE).until(() -> incidents(robot).equals(List.of("Disk 97% on db-1 triggered")));
        assertThat(desk.snapshot().incidentFor("db-1/disk")).isPresent();
    }
}
