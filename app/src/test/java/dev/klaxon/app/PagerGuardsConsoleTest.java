package dev.klaxon.app;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.app.backend.engine.EngineBackend;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.app.ui.audit.AuditView;
import dev.klaxon.app.ui.live.SubjectRow;
import dev.klaxon.app.ui.shell.MainWindow;
import dev.klaxon.app.ui.silences.SilencesView;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.decision.Outcome;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineOptions;
import dev.klaxon.guard.SilenceRecord;
import dev.klaxon.guard.SilenceRequest;
import dev.klaxon.incidents.IncidentDesk;
import dev.klaxon.message.Severity;
import dev.klaxon.nats.ConnectionState;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.stats.TailEntry;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
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

/**
 * The pager guards from the console, end to end: a real nats-server, the real engine with its silences and outbox,
 * the loopback PagerDuty double, the real window driven by keyboard and mouse.
 */
@ExtendWith(ApplicationExtension.class)
class PagerGuardsConsoleTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String PROD_KEY = "0123456789abcdef0123456789abcdef";
    private static final String ESCALATION_KEY = "fedcba9876543210fedcba9876543210";

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
        storage = Files.createTempDirectory("klaxon-guards-console-test-");
        KlaxonConfig config = new ConfigLoader().parse("""
                nats:
                  servers: ["%s"]
                  subjects: ["alerts.>"]
                pagerduty:
                  events_url: "%s"
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_ROUTING_KEY_PROD
                    severity: critical
                  - match: "alerts.ops.>"
                    action: page
                    shadow: true
                    routing_key_env: PD_ROUTING_KEY_OPS
                  - match: "alerts.staging.>"
                    action: log
                """.formatted(server.url(), pd.eventsUrl(), storage), null);
        Map<String, String> env = Map.of("PD_ROUTING_KEY_PROD", PROD_KEY, "PD_ROUTING_KEY_OPS", ESCALATION_KEY);
        engine = Engine.create(config, Clock.systemUTC(), EngineOptions.defaults().withEnvironment(env::get));
        engine.start();
        desk = new IncidentDesk(config.pagerduty(), name -> null, Clock.systemUTC(), engine::recordAction,
                engine.operator());
        publisher = Nats.connect(server.url());
        window = ShownWindow.show(stage, EngineBackend.of(engine, desk, null), "waiting");
        await().atMost(PATIENCE).until(() -> engine.summary().connection().state() == ConnectionState.CONNECTED);
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

    private void publish(String subject, String body) throws Exception {
        publisher.publish(subject, body.getBytes(StandardCharsets.UTF_8));
        publisher.flush(Duration.ofSeconds(5));
    }

    @SuppressWarnings("unchecked")
    private TableView<SubjectRow> subjects(FxRobot robot) {
        return robot.lookup("#subjects-table").queryAs(TableView.class);
    }

    /** The row's count of one decision, as the table shows it; -1 while the subject has no row. */
    private long shown(FxRobot robot, String subject, Outcome outcome) {
        TableView<SubjectRow> table = subjects(robot);
        return fx(() -> table.getItems().stream().filter(r -> r.subject().equals(subject)).findFirst()
                .map(r -> r.breakdownProperty().get().count(outcome)).orElse(-1L));
    }

    private String breakdownText(FxRobot robot, String subject) {
        TableView<SubjectRow> table = subjects(robot);
        return fx(() -> table.getItems().stream().filter(r -> r.subject().equals(subject)).findFirst()
                .map(r -> r.breakdownProperty().get().summary()).orElse(""));
    }

    private void focusStage() {
        fx(() -> {
            stage.requestFocus();
            return null;
        });
    }

    private static void key(FxRobot robot, KeyCode... codes) {
        robot.press(codes).release(codes);
    }

    @Test
    void silenceASubjectFromItsRowAndSeeTheCountMoveToSilenced(FxRobot robot) throws Exception {
        publish("alerts.prod.db", "{\"summary\":\"Replication lag 47s\",\"source\":\"db-3\"}");
        await().atMost(PATIENCE).until(() -> shown(robot, "alerts.prod.db", Outcome.FORWARDED) == 1);
        await().atMost(PATIENCE).until(() -> pd.acceptedEvents().size() == 1);

        focusStage();
        robot.clickOn("alerts.prod.db");
        key(robot, KeyCode.S);
        await().atMost(PATIENCE).until(() -> robot.lookup("#silence-dialog").tryQuery().isPresent());
        assertThat(fx(() -> robot.lookup("#silence-pattern").queryTextInputControl().getText()))
                .isEqualTo("alerts.prod.db");

        // The reason is required: the dialog says so by name and stays open.
        robot.clickOn("#silence-pattern").eraseText("alerts.prod.db".length()).write("alerts.prod.>");
        robot.clickOn("#silence-reason");
        key(robot, KeyCode.ENTER);
        Label reasonError = robot.lookup("#silence-error-reason").queryAs(Label.class);
        await().atMost(PATIENCE).until(() -> fx(reasonError::isVisible));
        String reasonText = fx(reasonError::getText);
        assertThat(reasonText).startsWith("Reason:");
        assertThat(robot.lookup("#silence-dialog").tryQuery()).isPresent();
        assertThat(fx(() -> engine.silences().join())).isEmpty();

        robot.write("failover drill");
        key(robot, KeyCode.ENTER);
        await().atMost(PATIENCE).until(() -> robot.lookup("#silence-dialog").tryQuery().isEmpty());
        List<SilenceRecord> silences = engine.silences().join();
        assertThat(silences).hasSize(1);
        assertThat(silences.get(0).silence().pattern().text()).isEqualTo("alerts.prod.>");
        assertThat(silences.get(0).silence().reason()).isEqualTo("failover drill");
        assertThat(silences.get(0).silence().endsAt()).isBetween(silences.get(0).silence().startsAt()
                .plus(Duration.ofMinutes(59)), silences.get(0).silence().startsAt().plus(Duration.ofMinutes(61)));
        atlantafx.base.controls.Message banner = robot.lookup("#action-banner")
                .queryAs(atlantafx.base.controls.Message.class);
        String bannerText = fx(banner::getDescription);
        assertThat(bannerText).contains("silence #" + silences.get(0).silence().id());

        publish("alerts.prod.db", "{\"summary\":\"Replication lag 52s\",\"source\":\"db-3\"}");
        await().atMost(PATIENCE).until(() -> shown(robot, "alerts.prod.db", Outcome.SILENCED) == 1);
        assertThat(breakdownText(robot, "alerts.prod.db")).contains("silenced 1").contains("forwarded 1");
        assertThat(pd.acceptedEvents()).hasSize(1);
    }

    @Test
    void escalateAMessageManuallyAndSeeItInTheAuditView(FxRobot robot) throws Exception {
        publish("alerts.staging.checkout",
                "{\"summary\":\"Checkout latency p99 4s\",\"severity\":\"warning\",\"source\":\"api-2\"}");
        await().atMost(PATIENCE).until(() -> shown(robot, "alerts.staging.checkout", Outcome.LOGGED) == 1);

        focusStage();
        robot.clickOn("alerts.staging.checkout");
        await().atMost(PATIENCE).until(() -> tailRow(robot).isPresent());
        robot.clickOn(tailRow(robot).orElseThrow());
        key(robot, KeyCode.E);
        await().atMost(PATIENCE).until(() -> robot.lookup("#escalate-message-dialog").tryQuery().isPresent());

        TextArea preview = robot.lookup("#escalate-preview").queryAs(TextArea.class);
        await().atMost(PATIENCE).until(() -> fx(preview::getText).contains("Checkout latency p99 4s"));
        String rendered = fx(preview::getText);
        assertThat(rendered).contains("\"severity\" : \"warning\"")
                .contains("******** (env PD_ROUTING_KEY_PROD)").doesNotContain(PROD_KEY);

        @SuppressWarnings("unchecked")
        ComboBox<dev.klaxon.secret.SecretRef> keys = robot.lookup("#escalate-routing-key").queryAs(ComboBox.class);
        assertThat(fx(() -> keys.getItems().stream().map(dev.klaxon.secret.SecretRef::masked).toList()))
                .containsExactly("******** (env PD_ROUTING_KEY_PROD)", "******** (env PD_ROUTING_KEY_OPS)");
        @SuppressWarnings("unchecked")
        ComboBox<Severity> severity = robot.lookup("#escalate-severity").queryAs(ComboBox.class);
        fx(() -> {
            keys.getSelectionModel().select(1);
            severity.getSelectionModel().select(Severity.CRITICAL);
            return null;
        });
        await().atMost(PATIENCE).until(() -> fx(preview::getText).contains("\"severity\" : \"critical\"")
                && fx(preview::getText).contains("PD_ROUTING_KEY_OPS"));
        Label adjustments = robot.lookup("#escalate-adjustments").queryAs(Label.class);
        String adjusted = fx(adjustments::getText);
        assertThat(adjusted).contains("raised by hand to critical");
        Button send = robot.lookup("#escalate-send").queryAs(Button.class);
        await().atMost(PATIENCE).until(() -> !fx(send::isDisabled));
        robot.clickOn(send);

        await().atMost(PATIENCE).until(() -> pd.acceptedEvents().size() == 1);
        var event = pd.acceptedEvents().get(0);
        assertThat(event.path("routing_key").asText()).isEqualTo(ESCALATION_KEY);
        assertThat(event.path("payload").path("severity").asText()).isEqualTo("critical");
        assertThat(event.path("payload").path("summary").asText()).isEqualTo("Checkout latency p99 4s");
        assertThat(robot.lookup("#escalate-message-dialog").tryQuery()).isEmpty();

        key(robot, KeyCode.CONTROL, KeyCode.DIGIT2);
        assertThat(fx(() -> window.showing(AuditView.class))).isTrue();
        @SuppressWarnings("unchecked")
        TableView<AuditRow> audit = robot.lookup("#audit-table").queryAs(TableView.class);
        await().atMost(PATIENCE).until(() -> fx(() -> audit.getItems().stream().anyMatch(row ->
                "escalate".equals(row.action()) && row.target().startsWith("alerts.staging.checkout")
                        && row.target().endsWith("as critical"))));
    }

    @Test
    void theSilencesViewShowsStateAndTimeLeftAndExpiresEarly(FxRobot robot) throws Exception {
        engine.addSilence(SilenceRequest.of("alerts.prod.db.>", Duration.ofHours(1), "disk swap")).join();

        focusStage();
        key(robot, KeyCode.CONTROL, KeyCode.DIGIT4);
        assertThat(fx(() -> window.showing(SilencesView.class))).isTrue();
        @SuppressWarnings("unchecked")
        TableView<SilenceRecord> table = robot.lookup("#silences-table").queryAs(TableView.class);
        await().atMost(PATIENCE).until(() -> fx(() -> table.getItems().size()) == 1);
        await().atMost(PATIENCE).until(() -> cellTexts(robot).contains("active"));
        List<String> cells = cellTexts(robot);
        assertThat(cells).contains("alerts.prod.db.>", "disk swap", "added by " + engine.operator(), "0");
        String left = cells.stream().filter(t -> t.startsWith("ends in ")).findFirst().orElseThrow();
        assertThat(left).matches("ends in (59m \\d\\ds|1h 00m)");
        // The time left ticks by itself, without new data.
        await().atMost(PATIENCE).until(() -> cellTexts(robot).stream().filter(t -> t.startsWith("ends in "))
                .noneMatch(left::equals));

        // Opening the view put the keyboard on the newest silence: H adds an hour at once.
        java.time.Instant plannedEnd = engine.silences().join().get(0).silence().endsAt();
        key(robot, KeyCode.H);
        await().atMost(PATIENCE).until(() -> engine.silences().join().get(0).silence().endsAt()
                .equals(plannedEnd.plus(Duration.ofHours(1))));
        await().atMost(PATIENCE).until(() -> cellTexts(robot).stream().anyMatch(t -> t.startsWith("ends in 1h 5")));

        key(robot, KeyCode.DELETE);
        await().atMost(PATIENCE).until(() -> cellTexts(robot).contains("expired"));
        List<String> after = cellTexts(robot);
        assertThat(after).contains("never matched");
        assertThat(after.stream().anyMatch(t -> t.startsWith("ended ") && t.endsWith("(early)"))).isTrue();
        Label status = robot.lookup("#silences-status").queryAs(Label.class);
        String statusText = fx(status::getText);
        assertThat(statusText).contains("has ended");
        assertThat(engine.silences().join().get(0).state(java.time.Instant.now()).label()).isEqualTo("expired");
    }

    /** Every text the silences table shows, cell by cell (plain text or the label a cell draws). */
    private static List<String> cellTexts(FxRobot robot) {
        return fx(() -> robot.lookup("#silences-table .table-cell").<javafx.scene.control.TableCell<?, ?>>queryAll()
                .stream().filter(cell -> !cell.isEmpty()).map(cell -> cell.getText() != null ? cell.getText()
                        : cell.getGraphic() instanceof Label label ? label.getText() : "")
                .filter(text -> text != null && !text.isEmpty()).toList());
    }

    private static Optional<Node> tailRow(FxRobot robot) {
        return robot.lookup("#tail-table .table-row-cell").<Node>queryAll().stream()
                .filter(row -> row instanceof TableRow<?> r && r.getItem() instanceof TailEntry).findFirst();
    }
}
