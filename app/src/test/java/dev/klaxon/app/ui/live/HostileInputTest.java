package dev.klaxon.app.ui.live;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.app.testing.FakeBackend;
import dev.klaxon.app.testing.FakeEngine;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.app.ui.shell.MainWindow;
import dev.klaxon.audit.OperatorAction;
import dev.klaxon.config.DeliveryConfig;
import dev.klaxon.config.PagerDutyConfig;
import dev.klaxon.decision.Outcome;
import dev.klaxon.incidents.DeskTiming;
import dev.klaxon.incidents.IncidentDesk;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import dev.klaxon.secret.SecretRef;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
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

/**
 * Bad input never crashes or freezes the console: right-to-left overrides, control characters, a 100 KB one-line
 * summary and HTML, in a payload and in an incident title, come out everywhere as inert, bounded, escaped text.
 */
@ExtendWith(ApplicationExtension.class)
class HostileInputTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final String RLO = "\u202E";
    private static final String HUGE = "A".repeat(100_000);
    /** Not JSON (raw control characters), so it is shown as received. */
    private static final String RAW = "invoice" + RLO + "fdp.exe bell\u0007 esc\u001B[31mred\u0000 <script>alert(1)"
            + "</script><b>bold</b> " + HUGE;
    /** JSON, so it is pretty-printed; U+202E is legal inside a JSON string. */
    private static final String JSON = "{\"summary\":\"" + HUGE + "\",\"html\":\"<img src=x onerror=alert(1)>\","
            + "\"rtl\":\"gnp." + RLO + "exe\"}";

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
        pd.openIncident("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "evil" + RLO + "key",
                "Disk" + RLO + "full\n<script>x</script>\u0007" + HUGE);
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

    /** The texts of every labeled cell under {@code selector}, read on the FX thread. */
    private List<String> cellTexts(FxRobot robot, String selector) {
        return fx(() -> robot.lookup(selector).<Node>queryAll().stream()
                .filter(node -> node instanceof Labeled).map(node -> ((Labeled) node).getText())
                .filter(text -> text != null && !text.isEmpty()).toList());
    }

    private static void assertInert(String text, int maxLength) {
        assertThat(text).doesNotContain(RLO).doesNotContain("\u0007").doesNotContain("\u001B")
                .doesNotContain("\u0000");
        assertThat(text.length()).isLessThanOrEqualTo(maxLength);
    }

    /** A round trip through the FX thread; a frozen UI would take seconds or never answer. */
    private static long fxRoundTripMillis() {
        long start = System.nanoTime();
        fx(() -> null);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void hostilePayloadsAreShownEscapedAndBoundedInTheSubjectsTailAndDetail(FxRobot robot) {
        engine.publish("alerts.prod.evil", JSON, Outcome.REJECTED, 1);
        engine.publish("alerts.prod.evil", RAW, Outcome.FORWARDED, 1);
        fx(() -> {
            robot.lookup("#subjects-table").queryAs(TableView.class).getSelectionModel().select(0);
            return null;
        });

        // Subjects: the preview of the last message.
        await().atMost(PATIENCE).until(() -> cellTexts(robot, "#subjects-table .preview-cell").stream()
                .anyMatch(text -> text.startsWith("invoice\\u202Efdp.exe bell\\u0007 esc\\u001B[31mred")));
        cellTexts(robot, "#subjects-table .table-cell").forEach(text -> assertInert(text, 400));

        // Tail: both messages, one line each, cut with a count.
        await().atMost(PATIENCE).until(() -> fx(() -> robot.lookup("#tail-table").queryAs(TableView.class)
                .getItems().size()) == 2);
        await().atMost(PATIENCE).until(() -> cellTexts(robot, "#tail-table .table-cell").stream()
                .anyMatch(text -> text.startsWith("invoice\\u202Efdp.exe bell\\u0007 esc\\u001B[31mred\\u0000 "
                        + "<script>alert(1)</script><b>bold</b>") && text.contains("more characters)")));
        cellTexts(robot, "#tail-table .table-cell").forEach(text -> assertInert(text, 300));

        // Detail, following the newest: the raw message as received, escaped, its 100 KB line cut with a count.
        TextArea detail = robot.lookup("#message-detail").queryAs(TextArea.class);
        await().atMost(PATIENCE).until(() -> fx(detail::getText).contains("invoice\\u202Efdp.exe"));
        String raw = fx(detail::getText);
        assertThat(raw).contains("bell\\u0007 esc\\u001B[31mred\\u0000 <script>alert(1)</script><b>bold</b>")
                .contains("more characters)");
        assertInert(raw, 20_000);

        // The JSON message, picked in the tail: pretty-printed, its long line cut, the override escaped.
        fx(() -> {
            robot.lookup("#tail-table").queryAs(TableView.class).getSelectionModel().select(1);
            return null;
        });
        await().atMost(PATIENCE).until(() -> fx(detail::getText).contains("\"rtl\": \"gnp.\\u202Eexe\""));
        String json = fx(detail::getText);
        assertThat(json).contains("\"html\": \"<img src=x onerror=alert(1)>\"").contains("more characters)");
        assertInert(json, 20_000);

        // Still responsive: the FX thread answers at once and a key still works.
        assertThat(fxRoundTripMillis()).isLessThan(2_000);
        fx(() -> {
            stage.requestFocus();
            robot.lookup("#subjects-table").queryAs(TableView.class).requestFocus();
            return null;
        });
        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        await().atMost(PATIENCE).until(() -> fx(() -> window.pausedProperty().get()));
    }

    @Test
    void aHostileIncidentTitleIsEscapedAndBoundedInTheIncidentsPanel(FxRobot robot) {
        @SuppressWarnings("unchecked")
        TableView<IncidentSummary> table = robot.lookup("#incidents-table").queryAs(TableView.class);
        await().atMost(PATIENCE).until(() -> fx(() -> table.getItems().size()) == 1);
        fx(() -> {
            table.getSelectionModel().select(0);
            return null;
        });

        await().atMost(PATIENCE).until(() -> cellTexts(robot, "#incidents-table .label").stream()
                .anyMatch(text -> text.startsWith("Disk\\u202Efull <script>x</script>\\u0007AAAA")));
        cellTexts(robot, "#incidents-table .label").forEach(text -> assertInert(text, 300));
        await().atMost(PATIENCE).until(() -> cellTexts(robot, "#incident-details .label").stream()
                .anyMatch(text -> text.contains("evil\\u202Ekey")));
        cellTexts(robot, "#incident-details .label").forEach(text -> assertInert(text, 1_000));
        assertThat(fxRoundTripMillis()).isLessThan(2_000);
    }
}
