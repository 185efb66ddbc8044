package dev.klaxon.app.ui.flood;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.app.testing.FakeEngine;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.app.ui.live.SubjectRow;
import dev.klaxon.app.ui.shell.MainWindow;
import dev.klaxon.decision.Outcome;
import dev.klaxon.delivery.DeliveryStatus;
import dev.klaxon.delivery.Reachability;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.outbox.OutboxStats;
import dev.klaxon.stats.SeverityTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The flood view against a fake engine: rates from snapshots, budget meters, and a confirmed release. */
@ExtendWith(ApplicationExtension.class)
class FloodViewTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final FakeEngine engine = new FakeEngine();
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = ShownWindow.show(stage, engine, "Waiting for alerts.>");
    }

    @AfterEach
    void stop() {
        ShownWindow.close(window);
    }

    private void awaitFx(Predicate<FxRobot> condition, FxRobot robot) {
        await().atMost(PATIENCE).until(() -> condition.test(robot));
    }

    private void pressShortcut(FxRobot robot, KeyCode key) {
        fx(() -> {
            stage.requestFocus();
            return null;
        });
        robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
    }

    private static String texts(FxRobot robot, String selector) {
        return fx(() -> robot.lookup(selector).queryAll().stream().flatMap(node -> node.lookupAll(".label").stream())
                .map(node -> ((Label) node).getText()).collect(Collectors.joining(" | ")));
    }

    private long shownTotal(FxRobot robot, String subject) {
        TableView<?> table = robot.lookup("#subjects-table").queryAs(TableView.class);
        return fx(() -> table.getItems().stream().map(SubjectRow.class::cast).filter(r -> r.subject().equals(subject))
                .mapToLong(r -> r.totalProperty().get()).findFirst().orElse(-1));
    }

    /** The tooltip of a subject's sparkline cell, or "" while the row is not shown. */
    private static String sparkline(FxRobot robot, String subject) {
        return fx(() -> robot.lookup("#subjects-table .table-row-cell").<TableRow<?>>queryAll().stream()
                .filter(row -> row.getItem() instanceof SubjectRow r && r.subject().equals(subject))
                .flatMap(row -> row.lookupAll(".table-cell").stream())
                .filter(cell -> cell instanceof TableCell<?, ?> c && "col-sparkline".equals(c.getTableColumn().getId()))
                .map(cell -> ((TableCell<?, ?>) cell).getTooltip())
                .map(tip -> tip == null ? "" : tip.getText()).findFirst().orElse(""));
    }

    @Test
    void chartsTheRateOfEachSubjectAndSeverityFromTheSnapshotsClock(FxRobot robot) {
        // The first snapshot is the baseline; then 10 messages within one 5-second bucket.
        awaitFx(r -> fx(() -> window.rates().history().version()) != Long.MIN_VALUE, robot);
        for (int i = 0; i < 10; i++) {
            engine.publish("alerts.prod.db", "{\"severity\":\"critical\"}", Outcome.FORWARDED, 2);
        }
        engine.severities(new SeverityTotals(10, 0, 0, 0, 0));
        awaitFx(r -> shownTotal(r, "alerts.prod.db") == 10, robot);
        engine.advance(Duration.ofSeconds(5)); // the bucket completes: 10 in 5 s

        awaitFx(r -> sparkline(r, "alerts.prod.db").startsWith("Last 3 min: 2.0/s"), robot);
        assertThat(sparkline(robot, "alerts.prod.db")).isEqualTo("Last 3 min: 2.0/s in the last 5 s, peak 2.0/s");
        // And again with the next bucket: the cells keep following the history, not just once.
        for (int i = 0; i < 5; i++) {
            engine.publish("alerts.prod.db", "{\"severity\":\"critical\"}", Outcome.FORWARDED, 2);
        }
        awaitFx(r -> shownTotal(r, "alerts.prod.db") == 15, robot);
        engine.advance(Duration.ofSeconds(5));
        awaitFx(r -> sparkline(r, "alerts.prod.db").equals("Last 3 min: 1.0/s in the last 5 s, peak 2.0/s"), robot);

        pressShortcut(robot, KeyCode.DIGIT5);
        awaitFx(r -> fx(() -> window.showing(FloodView.class)), robot);
        assertThat(robot.lookup("#flood-view").tryQuery()).isPresent();
        awaitFx(r -> texts(r, "#rate-legend").contains("alerts.prod.db  1.0/s now · peak 2.0/s"), robot);

        robot.clickOn("#rate-by-severity");
        awaitFx(r -> texts(r, "#rate-legend").contains("critical  0/s now · peak 2.0/s"), robot);
        assertThat(texts(robot, "#rate-legend")).contains("unknown  0/s now", "info  0/s now");
    }

    @Test
    void metersEachRoutingKeyByReferenceWithWordsNearAndOverBudget(FxRobot robot) {
        engine.delivery(new DeliveryStatus(new OutboxStats(9, Duration.ofSeconds(42), 0, 0,
                Map.of("env:PD_ROUTING_KEY_PROD", 7L, "env:PD_ROUTING_KEY_OPS", 2L)),
                Map.of("env:PD_ROUTING_KEY_PROD", 100, "env:PD_ROUTING_KEY_OPS", 120), 120,
                Reachability.REACHABLE, null, null, 0, Map.of("env:PD_ROUTING_KEY_OPS", 3L)), 0);
        engine.publish("alerts.prod.db", "{}", Outcome.FORWARDED, 1); // a new snapshot
        pressShortcut(robot, KeyCode.DIGIT5);

        awaitFx(r -> texts(r, "#budget-meters").contains("env:PD_ROUTING_KEY_PROD"), robot);
        String meters = texts(robot, "#budget-meters");
        assertThat(meters).contains("env:PD_ROUTING_KEY_OPS | budget spent: new events wait "
                + "| 120 / 120 per min · 2 pending · 3 × 429");
        assertThat(meters).contains("env:PD_ROUTING_KEY_PROD | near budget | 100 / 120 per min · 7 pending · 0 × 429");
        assertThat(texts(robot, "#outbox-oldest")).isEqualTo("9 pending in the outbox · oldest waiting 42 s");
    }

    @Test
    void listsFloodsWithTheirHeldCountsAndReleasesOnlyAfterConfirmation(FxRobot robot) {
        engine.publish("alerts.prod.db", "{}", Outcome.HELD, 1);
        engine.held("alerts.prod.db", 3);
        engine.held("alerts.prod.web", 1);
        // A routing key's flood holds its triggers under their subjects: nothing to release under its own name.
        engine.floods(List.of(new FloodStatus("alerts.prod.db", Instant.parse("2026-01-01T03:00:01Z"), 3),
                new FloodStatus("alerts.prod.web", Instant.parse("2026-01-01T03:00:02Z"), 1),
                new FloodStatus("routing key env:PD_ROUTING_KEY_PROD", Instant.parse("2026-01-01T03:00:02Z"), 4)));
        pressShortcut(robot, KeyCode.DIGIT5);

        awaitFx(r -> fx(() -> r.lookup("#flood-table").queryAs(TableView.class).getItems().size()) == 3, robot);
        // The key's flood holds its 4 under the subjects' rows: counted once.
        assertThat(texts(robot, "#flood-count")).isEqualTo("3 in flood state · 4 held");
        // Most held first, each with a button that names what it would release.
        List<String> buttons = fx(() -> robot.lookup(".release-button").queryAll().stream()
                .map(node -> ((javafx.scene.control.Button) node).getText()).toList());
        assertThat(buttons).containsExactly("Release 3…", "Release 1…", "Nothing to release");
        assertThat(fx(() -> robot.lookup(".release-button").queryAll().stream().reduce((a, b) -> b).orElseThrow()
                .isDisabled())).isTrue();

        robot.clickOn("Release 3…");
        awaitFx(r -> r.lookup("#release-dialog").tryQuery().isPresent(), robot);
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER); // Enter is Cancel: nothing is sent by accident
        awaitFx(r -> r.lookup("#release-dialog").tryQuery().isEmpty(), robot);
        assertThat(engine.released()).isEmpty();

        robot.clickOn("Release 3…");
        awaitFx(r -> r.lookup("#release-dialog").tryQuery().isPresent(), robot);
        Node header = robot.lookup("#release-dialog .header-panel .label").query();
        assertThat(fx(() -> ((Label) header).getText())).isEqualTo("Release held triggers of alerts.prod.db");
        robot.clickOn("Release 3");
        awaitFx(r -> !engine.released().isEmpty(), robot);
        assertThat(engine.released()).containsExactly("alerts.prod.db");
        awaitFx(r -> r.lookup("#action-banner").tryQuery().isPresent(), robot);
        engine.publish("alerts.prod.db", "{}", Outcome.HELD, 1); // a new snapshot
        awaitFx(r -> texts(r, "#flood-releases").startsWith("Last released: 3 of alerts.prod.db by test on this "
                + "console at "), robot);
    }

    /** The Held cell of the flood table's only row. */
    private static String heldCell(FxRobot robot) {
        return fx(() -> robot.lookup("#flood-table .table-cell").<TableCell<?, ?>>queryAll().stream()
                .filter(cell -> cell.getTableColumn().getGraphic() instanceof Label header
                        && "Held".equals(header.getText()) && cell.getText() != null)
                .map(TableCell::getText).findFirst().orElse(""));
    }

    @Test
    void theHeldCellTheReleaseButtonAndTheConfirmationNameOneCountAndReleaseExactlyThat(FxRobot robot) {
        engine.publish("alerts.prod.db", "{}", Outcome.HELD, 1);
        // The flood's own tally since it began (139) is not what is held now (169: an earlier flood left some).
        engine.floods(List.of(new FloodStatus("alerts.prod.db", Instant.parse("2026-01-01T03:00:01Z"), 139)));
        engine.held("alerts.prod.db", 169);
        pressShortcut(robot, KeyCode.DIGIT5);

        awaitFx(r -> heldCell(r).equals("169"), robot);
        assertThat(fx(() -> robot.lookup(".release-button").queryAs(javafx.scene.control.Button.class).getText()))
                .isEqualTo("Release 169…");
        robot.clickOn("Release 169…");
        awaitFx(r -> r.lookup("#release-dialog").tryQuery().isPresent(), robot);
        assertThat(fx(() -> robot.lookup("#release-dialog").queryAs(javafx.scene.control.DialogPane.class)
                .getContentText())).startsWith("Send the 169 triggers that flood state held back for alerts.prod.db");

        engine.hold("alerts.prod.db", 6); // more are held while the dialog is open
        robot.clickOn("Release 169");
        awaitFx(r -> !engine.released().isEmpty(), robot);
        // Exactly what was confirmed went; the six held since stay held, and the report says both.
        assertThat(engine.held("alerts.prod.db").count()).isEqualTo(6);
        assertThat(engine.floodReleases()).singleElement().satisfies(r -> assertThat(r.count()).isEqualTo(169));
        awaitFx(r -> r.lookup("#action-banner").tryQuery().isPresent(), robot);
        assertThat(fx(() -> robot.lookup("#action-banner").queryAs(atlantafx.base.controls.Message.class)
                .getDescription())).isEqualTo("169 held triggers of alerts.prod.db are in the outbox. "
                + "6 held since then stay held.");
    }
}
