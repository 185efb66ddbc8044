package dev.klaxon.app.ui.live;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.app.testing.FakeEngine;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.app.ui.shell.MainWindow;
import dev.klaxon.decision.Outcome;
import dev.klaxon.stats.TailEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The message detail: the decision explained, search, and the actions on the message. */
@ExtendWith(ApplicationExtension.class)
class MessageDetailTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String BODY = "{\"summary\":\"disk full on db-1\",\"severity\":\"critical\","
            + "\"source\":\"db-1\",\"note\":\"it's full\"}";

    private final FakeEngine engine = new FakeEngine();
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = ShownWindow.show(stage, engine, "Waiting");
    }

    @AfterEach
    void stop() {
        ShownWindow.close(window);
    }

    private TextArea detail(FxRobot robot) {
        return robot.lookup("#message-detail").queryAs(TextArea.class);
    }

    /** Publishes one message with headers and a matching route, and waits until the detail follows it. */
    private void showMessage(FxRobot robot) {
        engine.publish(new TailEntry(Instant.EPOCH, "alerts.prod.db", BODY, BODY.length(), false,
                Map.of("Nats-Msg-Id", List.of("m-1")), Outcome.SILENCED,
                "alerts.prod.db until 2026-01-01T04:00:00Z (ops: maintenance)",
                List.of(new TailEntry.Route("routes[0] alerts.prod.>", "page", false, "alerts.prod.db/db-1",
                        "trigger", "critical", List.of("summary cut to 1024 characters")))), 1);
        await().atMost(PATIENCE).until(() -> fx(() -> detail(robot).getText()).contains("body (JSON)"));
    }

    @SuppressWarnings("unchecked")
    private TableView<TailEntry> tail(FxRobot robot) {
        return robot.lookup("#tail-table").queryAs(TableView.class);
    }

    private String mode(FxRobot robot) {
        return fx(() -> robot.lookup("#detail-mode").queryAs(Label.class).getText());
    }

    @Test
    void aPinnedMessageStaysWhatTheDetailShowsAsNewOnesArriveAndAfterTheTailDropsIt(FxRobot robot) {
        for (int i = 0; i < 5; i++) {
            engine.publish("alerts.prod.db", "{\"summary\":\"message " + i + "\"}", Outcome.FORWARDED, 1);
        }
        await().atMost(PATIENCE).until(() -> fx(() -> tail(robot).getItems().size()) == 5);
        robot.clickOn(robot.lookup("#tail-table .table-cell").lookup((Node node) -> node instanceof Labeled cell && cell.getText() != null
                        && cell.getText().contains("message 2"))
                .<Node>query());
        await().atMost(PATIENCE).until(() -> mode(robot).startsWith("pinned"));
        assertThat(fx(() -> detail(robot).getText())).contains("message 2");

        for (int i = 5; i < 10; i++) {
            engine.publish("alerts.prod.db", "{\"summary\":\"message " + i + "\"}", Outcome.FORWARDED, 1);
        }
        await().atMost(PATIENCE).until(() -> fx(() -> tail(robot).getItems().size()) == 10);
        assertThat(fx(() -> tail(robot).getSelectionModel().getSelectedItem().body())).contains("message 2");
        assertThat(fx(() -> detail(robot).getText())).contains("message 2");

        engine.tailLimit(3); // the engine's tail moves past the pinned message
        engine.publish("alerts.prod.db", "{\"summary\":\"message 10\"}", Outcome.FORWARDED, 1);
        await().atMost(PATIENCE).until(() -> fx(() -> tail(robot).getItems().size()) == 3);
        assertThat(fx(() -> tail(robot).getSelectionModel().getSelectedItem())).isNull();
        assertThat(fx(() -> detail(robot).getText())).contains("message 2").doesNotContain("message 10");
        assertThat(mode(robot)).startsWith("pinned");

        fx(() -> {
            stage.requestFocus();
            tail(robot).requestFocus();
            return null;
        });
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        await().atMost(PATIENCE).until(() -> mode(robot).startsWith("following"));
        assertThat(fx(() -> detail(robot).getText())).contains("message 10");
    }

    @Test
    void theDecisionIsExplainedWithTheRouteItsDedupKeyAndTheHeaders(FxRobot robot) {
        showMessage(robot);
        String text = fx(() -> detail(robot).getText());
        assertThat(text).contains("decision  silenced\n")
                .contains("reason    alerts.prod.db until 2026-01-01T04:00:00Z (ops: maintenance)\n")
                .contains("route     routes[0] alerts.prod.>: page, dedup_key alerts.prod.db/db-1 (trigger, "
                        + "critical)\n")
                .contains("adjusted: summary cut to 1024 characters\n")
                .contains("  Nats-Msg-Id: m-1\n");
    }

    @Test
    void ctrlFInTheMessageSearchesItAndEnterStepsThroughTheMatches(FxRobot robot) {
        showMessage(robot);
        fx(() -> {
            stage.requestFocus();
            detail(robot).requestFocus();
            return null;
        });
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        TextField search = robot.lookup("#detail-search").queryAs(TextField.class);
        await().atMost(PATIENCE).until(() -> fx(search::isFocused));

        robot.write("db-1");
        Label matches = robot.lookup("#detail-matches").queryAs(Label.class);
        await().atMost(PATIENCE).until(() -> fx(matches::getText).equals("1 of 3"));
        assertThat(fx(() -> detail(robot).getSelectedText())).isEqualTo("db-1");
        int first = fx(() -> detail(robot).getSelection().getStart());
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        assertThat(fx(matches::getText)).isEqualTo("2 of 3");
        assertThat(fx(() -> detail(robot).getSelection().getStart())).isGreaterThan(first);

        // The global "/" still belongs to the subjects filter, and Ctrl+F outside the message too.
        fx(() -> {
            robot.lookup("#subjects-table").queryAs(TableView.class).requestFocus();
            return null;
        });
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        await().atMost(PATIENCE).until(() -> !fx(search::isFocused) && fx(() -> stage.getScene().getFocusOwner()
                instanceof TextField field && field != search));
    }

    @Test
    void copyAsNatsPubPutsAShellQuotedCommandOnTheClipboard(FxRobot robot) {
        showMessage(robot);
        robot.clickOn("#detail-copy-nats");

        await().atMost(PATIENCE).until(() -> "Copied the nats pub command".equals(
                fx(() -> robot.lookup("#detail-status").queryAs(Label.class).getText())));
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(
                "nats pub -H 'Nats-Msg-Id:m-1' alerts.prod.db '{\"summary\":\"disk full on db-1\","
                        + "\"severity\":\"critical\",\"source\":\"db-1\",\"note\":\"it'\\''s full\"}'");
    }

    @Test
    void silenceLikeThisAndEscalateOpenTheLiveViewsOwnDialogs(FxRobot robot) {
        showMessage(robot);
        robot.clickOn("#detail-silence");
        await().atMost(PATIENCE).until(() -> robot.lookup("#silence-pattern").tryQuery().isPresent());
        assertThat(fx(() -> robot.lookup("#silence-pattern").queryAs(TextField.class).getText()))
                .isEqualTo("alerts.prod.db");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        await().atMost(PATIENCE).until(() -> robot.lookup("#silence-pattern").tryQuery().isEmpty());

        robot.clickOn("#detail-escalate");
        await().atMost(PATIENCE).until(() -> robot.lookup("#escalate-message-dialog").tryQuery().isPresent());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    }
}
