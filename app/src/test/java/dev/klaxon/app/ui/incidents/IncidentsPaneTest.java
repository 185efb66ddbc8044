package dev.klaxon.app.ui.incidents;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.app.testing.FakeBackend;
import dev.klaxon.app.testing.FakeEngine;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.app.ui.audit.AuditView;
import dev.klaxon.app.ui.shell.MainWindow;
import dev.klaxon.audit.AuditKind;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.audit.OperatorAction;
import dev.klaxon.config.DeliveryConfig;
import dev.klaxon.config.PagerDutyConfig;
import dev.klaxon.incidents.DeskTiming;
import dev.klaxon.incidents.IncidentDesk;
import dev.klaxon.simulator.Fault;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.simulator.ReceivedRequest;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import dev.klaxon.secret.SecretRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The incidents panel against the real desk and the loopback PagerDuty double: what each key sends, what it shows. */
@ExtendWith(ApplicationExtension.class)
class IncidentsPaneTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String ROUTING_KEY = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";

    private final FakeEngine engine = new FakeEngine();
    private final List<OperatorAction> audited = new CopyOnWriteArrayList<>();
    private PagerDutySimulator pd;
    private IncidentDesk desk;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        pd = PagerDutySimulator.start();
        pd.openIncident(ROUTING_KEY, "db-1-disk", "Disk 91% on db-1");
        pd.openIncident(ROUTING_KEY, "api-5xx", "API 5xx above 2%");
        pd.openIncident(ROUTING_KEY, "queue-lag", "Queue lag 4 min");
        engine.audit(List.of(new AuditRow(AuditKind.FORWARDED, 1, Instant.now(), Instant.now(), "alerts.prod.db",
                "routes[0]", "db-1-disk", "trigger", "delivered", Instant.now(), "db-1-disk", null, null, null, null,
                "Event processed", List.of(), "{}")));
        PagerDutyConfig config = new PagerDutyConfig(pd.eventsUrl(), pd.apiUrl(), SecretRef.env("PD_API_TOKEN"),
                PagerDutySimulator.USER_EMAIL, DeliveryConfig.defaults());
        desk = new IncidentDesk(config, name -> "PD_API_TOKEN".equals(name) ? PagerDutySimulator.API_TOKEN : null,
                Clock.systemUTC(), audited::add, PagerDutySimulator.USER_EMAIL,
                new DeskTiming(Duration.ofSeconds(15), Duration.ofMillis(50), 10));
        desk.start();
        window = ShownWindow.show(stage, new FakeBackend(engine).incidents(desk), "Waiting");
    }

    @AfterEach
    void stop() {
        ShownWindow.close(window);
        desk.close();
        pd.close();
    }

    @SuppressWarnings("unchecked")
    private TableView<IncidentSummary> table(FxRobot robot) {
        return robot.lookup("#incidents-table").queryAs(TableView.class);
    }

    private List<String> statuses(FxRobot robot) {
        TableView<IncidentSummary> table = table(robot);
        return fx(() -> table.getItems().stream().map(i -> "#" + i.number() + " " + i.status()).toList());
    }

    /** Waits for the three incidents, selects the given rows and puts the keyboard on the table. */
    private void select(FxRobot robot, int... rows) {
        await().atMost(PATIENCE).until(() -> statuses(robot).size() == 3);
        TableView<IncidentSummary> table = table(robot);
        fx(() -> {
            table.getSelectionModel().clearSelection();
            for (int row : rows) {
                table.getSelectionModel().select(row);
            }
            stage.requestFocus();
            table.requestFocus();
            return null;
        });
    }

    private void type(FxRobot robot, KeyCode key) {
        robot.press(key).release(key);
    }

    private String progress(FxRobot robot) {
        Label label = robot.lookup("#incidents-progress").queryAs(Label.class);
        return fx(label::getText);
    }

    private List<ReceivedRequest> requests(String method, String path) {
        return pd.received().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    @Test
    void showsOpenIncidentsWithNumberStatusServiceAndAssignee(FxRobot robot) {
        await().atMost(PATIENCE).until(() -> statuses(robot).size() == 3);
        assertThat(statuses(robot)).containsExactly("#1 triggered", "#2 triggered", "#3 triggered");
        IncidentSummary first = fx(() -> table(robot).getItems().get(0));
        assertThat(first.title()).isEqualTo("Disk 91% on db-1");
        assertThat(first.serviceName()).isEqualTo("Service 1");
        assertThat(first.assignees()).containsExactly("On-call L1");
        Label count = robot.lookup("#incidents-count").queryAs(Label.class);
        assertThat(fx(count::getText)).startsWith("3 open · updated ");
        assertThat(fx(() -> robot.lookup("#incidents-state").queryAs(Label.class).isVisible())).isFalse();
    }

    @Test
    void aAcknowledgesTheSelectedRowsInOneBulkUpdate(FxRobot robot) {
        select(robot, 0, 2);
        type(robot, KeyCode.A);

        await().atMost(PATIENCE).until(() -> statuses(robot).equals(
                List.of("#1 acknowledged", "#2 triggered", "#3 acknowledged")));
        List<ReceivedRequest> puts = requests("PUT", "/incidents");
        assertThat(puts).hasSize(1);
        assertThat(puts.get(0).json().path("incidents")).extracting(n -> n.path("id").asText())
                .containsExactly("PDBL1", "PDBL3");
        assertThat(progress(robot)).isEqualTo("#1, #3: acknowledged");
        assertThat(audited).extracting(OperatorAction::what).containsOnly("incident.acknowledge").hasSize(2);
    }

    @Test
    void rAsksForAResolutionNoteAndResolvesWithIt(FxRobot robot) {
        select(robot, 1);
        type(robot, KeyCode.R);

        TextField note = robot.lookup("#resolution-note").queryAs(TextField.class);
        robot.clickOn(note).write("rolled back deploy 412");
        type(robot, KeyCode.ENTER);

        await().atMost(PATIENCE).until(() -> statuses(robot).equals(List.of("#1 triggered", "#3 triggered")));
        JsonNode body = requests("PUT", "/incidents/PDBL2").get(0).json();
        assertThat(body.path("incident").path("status").asText()).isEqualTo("resolved");
        assertThat(body.path("incident").path("resolution").asText()).isEqualTo("rolled back deploy 412");
        assertThat(progress(robot)).isEqualTo("#2: resolved");
    }

    @Test
    void bulkResolveAsksForConfirmationAndEnterAloneDoesNotConfirm(FxRobot robot) {
        select(robot, 0, 1);
        type(robot, KeyCode.R);

        Label header = robot.lookup("#resolve-dialog .header-panel .label").queryAs(Label.class);
        assertThat(fx(header::getText)).isEqualTo("Resolve these 2 incidents at once?");
        Label list = robot.lookup("#resolve-list").queryAs(Label.class);
        assertThat(fx(list::getText)).isEqualTo("#1 Disk 91% on db-1\n#2 API 5xx above 2%");
        robot.clickOn("#resolution-note").write("disk replaced");
        type(robot, KeyCode.ENTER);
        assertThat(robot.lookup("#resolve-dialog").tryQuery()).isPresent();
        assertThat(requests("PUT", "/incidents")).isEmpty();

        Button confirm = robot.lookup("#resolve-dialog .button").<Button>queryAll().stream()
                .filter(b -> "Resolve 2 incidents".equals(b.getText())).findFirst().orElseThrow();
        robot.clickOn(confirm);

        await().atMost(PATIENCE).until(() -> statuses(robot).equals(List.of("#3 triggered")));
        JsonNode incidents = requests("PUT", "/incidents").get(0).json().path("incidents");
        assertThat(incidents).extracting(n -> n.path("id").asText() + " " + n.path("status").asText() + " "
                + n.path("resolution").asText())
                .containsExactly("PDBL1 resolved disk replaced", "PDBL2 resolved disk replaced");
    }

    @Test
    void eEscalatesToTheChosenLevel(FxRobot robot) {
        select(robot, 2);
        type(robot, KeyCode.E);

        assertThat(robot.lookup("#escalation-level").tryQuery()).isPresent();
        type(robot, KeyCode.ENTER);

        await().atMost(PATIENCE).until(() -> pd.escalationLevel("PDBL3") == 2);
        await().atMost(PATIENCE).until(() -> fx(() -> table(robot).getItems().get(2).assignees())
                .equals(List.of("On-call L2")));
        assertThat(requests("PUT", "/incidents/PDBL3").get(0).json().path("incident").path("escalation_level")
                .asInt()).isEqualTo(2);
        await().atMost(PATIENCE).until(() -> progress(robot).equals("#3: escalated to level 2"));

        // Now assigned at level 2: the dialog offers the next level, 3, the policy's last.
        type(robot, KeyCode.E);
        @SuppressWarnings("unchecked")
        javafx.scene.control.Spinner<Integer> level = robot.lookup("#escalation-level")
                .queryAs(javafx.scene.control.Spinner.class);
        assertThat(fx(level::getValue)).isEqualTo(3);
        type(robot, KeyCode.ENTER);
        await().atMost(PATIENCE).until(() -> pd.escalationLevel("PDBL3") == 3);
    }

    @Test
    void pagerDutysRefusalIsShownInWordsNotOnlyInColour(FxRobot robot) {
        select(robot, 0);
        type(robot, KeyCode.A);
        await().atMost(PATIENCE).until(() -> statuses(robot).get(0).equals("#1 acknowledged"));
        fx(() -> {
            table(robot).getSelectionModel().clearAndSelect(0);
            return null;
        });

        robot.clickOn("#incident-acknowledge");

        await().atMost(PATIENCE).until(() -> progress(robot).equals(
                "Could not acknowledge #1: incident is already acknowledged"));
        Label label = robot.lookup("#incidents-progress").queryAs(Label.class);
        assertThat(fx(() -> label.getStyleClass().contains("action-failed") && label.getGraphic() != null)).isTrue();
    }

    @Test
    void theAuditShowsTheIncidentEachForwardedEventLandedIn(FxRobot robot) {
        await().atMost(PATIENCE).until(() -> desk.snapshot().incidentFor("db-1-disk").isPresent());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);

        await().atMost(PATIENCE).until(() -> robot.lookup("#audit-table .table-cell").<Node>queryAll().stream()
                .anyMatch(cell -> cell instanceof javafx.scene.control.Labeled l && "#1 triggered".equals(
                        fx(l::getText))));
    }

    @Test
    void escalatingSeveralAtOnceIsExplainedNotSent(FxRobot robot) {
        select(robot, 0, 1);
        type(robot, KeyCode.E);

        assertThat(progress(robot)).isEqualTo("Escalate works on one incident at a time: select a single row");
        assertThat(robot.lookup("#escalate-dialog").tryQuery()).isEmpty();
        assertThat(pd.received()).noneMatch(r -> r.method().equals("PUT"));
    }

    @Test
    void troubleWithPagerDutyIsSaidAboveTheTableAndTheLastIncidentsStay(FxRobot robot) throws Exception {
        await().atMost(PATIENCE).until(() -> statuses(robot).size() == 3);
        Label state = robot.lookup("#incidents-state").queryAs(Label.class);

        pd.failNext(1, Fault.serverError(503));
        desk.refreshNow().get(10, TimeUnit.SECONDS);
        await().atMost(PATIENCE).until(() -> fx(state::isVisible)
                && fx(state::getText).startsWith("Cannot read incidents: PagerDuty had a server error (HTTP 503)"));
        assertThat(fx(state::getText)).contains("Showing incidents as of");
        assertThat(statuses(robot)).hasSize(3);

        pd.failNext(1, Fault.rateLimitReset(Duration.ofSeconds(30)));
        desk.refreshNow().get(10, TimeUnit.SECONDS);
        await().atMost(PATIENCE).until(() -> fx(state::getText)
                .startsWith("Rate limited by PagerDuty: next refresh at "));
        assertThat(fx(() -> state.getGraphic() != null)).isTrue();
        assertThat(statuses(robot)).hasSize(3);
    }

    @Test
    void ctrlIPutsTheKeyboardOnTheIncidentsFromAnywhere(FxRobot robot) {
        await().atMost(PATIENCE).until(() -> statuses(robot).size() == 3);
        fx(() -> {
            stage.requestFocus();
            table(robot).getSelectionModel().clearAndSelect(1);
            return null;
        });
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        await().atMost(PATIENCE).until(() -> fx(() -> window.showing(AuditView.class)));

        robot.press(KeyCode.CONTROL, KeyCode.I).release(KeyCode.I, KeyCode.CONTROL);
        await().atMost(PATIENCE).until(() -> fx(() -> stage.getScene().getFocusOwner() == table(robot)));
        type(robot, KeyCode.A);

        await().atMost(PATIENCE).until(() -> statuses(robot).get(1).equals("#2 acknowledged"));
    }
}
