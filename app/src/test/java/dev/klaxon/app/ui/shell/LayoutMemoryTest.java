package dev.klaxon.app.ui.shell;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.klaxon.app.prefs.ConsolePrefs;
import dev.klaxon.app.prefs.Theme;
import dev.klaxon.app.testing.FakeBackend;
import dev.klaxon.app.testing.FakeEngine;
import dev.klaxon.app.testing.ShownWindow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The layout of one run comes back in the next: restored, as the console does, before the window's first layout
 * (the tables' constrained column policies only take pref widths as given then). Later changes are reported whole.
 */
@ExtendWith(ApplicationExtension.class)
class LayoutMemoryTest {
    private final FakeEngine engine = new FakeEngine();
    private final List<ConsolePrefs> reported = new CopyOnWriteArrayList<>();
    private Stage stage;
    private MainWindow window;
    private LayoutMemory memory;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void stop() {
        ShownWindow.close(window);
        fx(() -> {
            Themes.apply(Theme.DARK);
            return null;
        });
    }

    /** One run of the console on the test stage, with the saved layout put back before it is first laid out. */
    private void run(ConsolePrefs saved) throws Exception {
        // A whole window built and shown in one go: more than FxQuery's patience on a busy machine.
        WaitForAsyncUtils.asyncFx(() -> {
            if (window != null) {
                window.stop();
            }
            Themes.apply(saved.themeOr(Theme.DARK));
            window = new MainWindow(new FakeBackend(engine), new MainWindow.Options("test", "Waiting", saved.themeOr(Theme.DARK)));
            memory = new LayoutMemory(window.layoutParts(), reported::add);
            memory.restore(saved);
            Scene scene = new Scene(window.root(), 1280, 800);
            Themes.style(scene);
            window.installShortcuts(scene);
            stage.setScene(scene);
            stage.show();
            memory.watch(stage);
            window.start();
        }).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents(3);
    }

    @Test
    void theNextRunGetsTheDividersColumnWidthsAndThemeBack(FxRobot robot) throws Exception {
        run(ConsolePrefs.defaults());
        ConsolePrefs first = fx(memory::capture);
        Map<String, Double> columns = first.columns().get("subjects-table");
        // What the operator did: the subject column 60 px wider, Decisions 60 px narrower, the tail higher, light theme.
        // (The widths were saved with the window and the side divider as they were, so they add up as before.)
        double subject = columns.get("col-subject") + 60;
        double decisions = columns.get("Decisions") - 60;
        Map<String, Double> widths = new java.util.HashMap<>(columns);
        widths.put("col-subject", subject);
        widths.put("Decisions", decisions);
        widths.put("col-flood", 140.0);
        ConsolePrefs saved = new ConsolePrefs(Theme.LIGHT, first.window(),
                Map.of("subjects-tail", List.of(0.3), "tail-detail", List.of(0.6),
                        "live-incidents", first.dividers().get("live-incidents"), "no-such-split", List.of(0.5)),
                Map.of("subjects-table", widths), false);

        run(saved);
        ConsolePrefs now = fx(memory::capture);
        assertThat(now.theme()).isEqualTo(Theme.LIGHT);
        // The sound was turned off last time: it stays off (a mute is not remembered, see ConsolePrefs).
        assertThat(now.sound()).isFalse();
        assertThat(fx(() -> window.alerts().soundProperty().get())).isFalse();
        assertThat(now.dividers().get("subjects-tail").get(0)).isCloseTo(0.3, within(0.01));
        assertThat(now.dividers().get("tail-detail").get(0)).isCloseTo(0.6, within(0.01));
        assertThat(now.dividers()).containsKey("live-incidents").doesNotContainKey("no-such-split");
        assertThat(now.columns().get("subjects-table").get("col-subject")).isCloseTo(subject, within(2.0));
        assertThat(now.columns().get("subjects-table").get("Decisions")).isCloseTo(decisions, within(2.0));
        // The flood column is hidden while nothing floods: its saved width is kept, not lost.
        assertThat(now.columns().get("subjects-table").get("col-flood")).isEqualTo(140.0);
        assertThat(now.columns()).containsKeys("tail-table", "incidents-table");
        assertThat(now.window()).isNotNull();

        reported.clear();
        fx(() -> {
            window.alerts().soundProperty().set(true);
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !reported.isEmpty());
        assertThat(reported.get(reported.size() - 1).sound()).isTrue();

        reported.clear();
        robot.clickOn("#theme-button");
        await().atMost(Duration.ofSeconds(10)).until(() -> !reported.isEmpty());
        assertThat(reported.get(reported.size() - 1).theme()).isEqualTo(Theme.DARK);

        reported.clear();
        fx(() -> {
            window.layoutParts().splits().get("tail-detail").setDividerPositions(0.5);
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !reported.isEmpty());
        assertThat(reported.get(reported.size() - 1).dividers().get("tail-detail").get(0)).isCloseTo(0.5,
                within(0.01));

        // Moved, not resized: the stage is shared with the next test classes, which expect its size.
        reported.clear();
        double x = fx(stage::getX);
        fx(() -> {
            stage.setX(x + 10);
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !reported.isEmpty());
        assertThat(reported.get(reported.size() - 1).window().x()).isCloseTo(x + 10, within(0.5));
        fx(() -> {
            stage.setX(x);
            return null;
        });
    }
}
