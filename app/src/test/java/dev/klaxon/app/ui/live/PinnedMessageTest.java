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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
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
 * A pinned tail message under a live feed: what the detail shows and what s acts on stay the message the operator
 * picked while new ones keep arriving and the engine's tail moves past it (issue 13: "received 17:07:14 → 17:07:29
 * in 9 s" while the pane still said it was kept).
 */
@ExtendWith(ApplicationExtension.class)
class PinnedMessageTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Pattern NUMBER = Pattern.compile("message (\\d+)\"");

    private final FakeEngine engine = new FakeEngine();
    /** The live feed: 50 messages a second, so a frame rarely passes without one. */
    private final ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor();
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = ShownWindow.show(stage, engine, "Waiting");
    }

    @AfterEach
    void stop() {
        feed.shutdownNow();
        ShownWindow.close(window);
    }

    @SuppressWarnings("unchecked")
    private TableView<TailEntry> tail(FxRobot robot) {
        return robot.lookup("#tail-table").queryAs(TableView.class);
    }

    private String detail(FxRobot robot) {
        return fx(() -> robot.lookup("#message-detail").queryAs(TextArea.class).getText());
    }

    private String mode(FxRobot robot) {
        return fx(() -> robot.lookup("#detail-mode").queryAs(Label.class).getText());
    }

    @Test
    void aPinnedMessageStaysWhatTheDetailShowsAndWhatSActsOnUnderALiveFeed(FxRobot robot) {
        engine.tailLimit(30); // the engine keeps the newest 30: the pinned one leaves it within a second
        AtomicInteger next = new AtomicInteger();
        feed.scheduleAtFixedRate(() -> {
            int n = next.getAndIncrement();
            engine.publish("alerts.prod.db", "{\"summary\":\"message " + n + "\",\"source\":\"host-" + n
                    + "\",\"severity\":\"critical\"}", Outcome.FORWARDED, 50);
        }, 0, 20, TimeUnit.MILLISECONDS);
        await().atMost(PATIENCE).until(() -> fx(() -> tail(robot).getItems().size()) >= 10);

        robot.clickOn(robot.lookup("#tail-table .table-row-cell").nth(5).<Node>query());
        await().atMost(PATIENCE).until(() -> mode(robot).startsWith("pinned"));
        String pinned = detail(robot);
        Matcher number = NUMBER.matcher(pinned);
        assertThat(number.find()).as("the detail shows a message: %s", pinned).isTrue();
        String picked = number.group(1);

        // Two seconds: a hundred more messages, the tail moves past the pinned one, and nothing shown changes.
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> detail(robot).equals(pinned)
                && mode(robot).startsWith("pinned"));
        assertThat(fx(() -> tail(robot).getItems().stream().noneMatch(e -> e.body().contains("message " + picked
                + "\"")))).as("the engine's tail no longer keeps it").isTrue();

        fx(() -> {
            stage.requestFocus();
            tail(robot).requestFocus();
            return null;
        });
        robot.press(KeyCode.S).release(KeyCode.S); // s acts on the pinned message, not on a newer one
        await().atMost(PATIENCE).until(() -> robot.lookup("#silence-dialog").tryQuery().isPresent());
        assertThat(fx(() -> robot.lookup("#silence-dialog .check-box").<CheckBox>queryAll().stream()
                .map(CheckBox::getText).toList())).contains("only source=host-" + picked);
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        await().atMost(PATIENCE).until(() -> robot.lookup("#silence-dialog").tryQuery().isEmpty());

        // Unpin (or Esc in the tail) lets go: the detail follows the newest again.
        robot.clickOn("#detail-unpin");
        await().atMost(PATIENCE).until(() -> mode(robot).startsWith("following"));
        assertThat(fx(() -> robot.lookup("#detail-unpin").query().isVisible())).isFalse();
    }
}
