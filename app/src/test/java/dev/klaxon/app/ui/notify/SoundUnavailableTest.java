package dev.klaxon.app.ui.notify;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.app.outlets.Alert;
import dev.klaxon.app.outlets.AlertOutlet;
import dev.klaxon.app.outlets.AlertOutlets;
import dev.klaxon.app.testing.FakeBackend;
import dev.klaxon.app.testing.FakeEngine;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.app.ui.shell.MainWindow;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A machine with no audio device: the bell's menu says so instead of offering a sound that never plays. */
@ExtendWith(ApplicationExtension.class)
class SoundUnavailableTest {
    private MainWindow window;

    /** A sound outlet that found no device, as AlertTone does on a machine without one. */
    private static final class Mute implements AlertOutlet {
        @Override
        public void deliver(List<Alert> alerts) {
        }

        @Override
        public CompletableFuture<String> unavailable() {
            return CompletableFuture.completedFuture("no audio device on this machine");
        }
    }

    @Start
    void start(Stage stage) {
        window = ShownWindow.show(stage, new FakeBackend(new FakeEngine()), "Waiting",
                new AlertOutlets(alerts -> { }, new Mute()));
    }

    @AfterEach
    void stop() {
        ShownWindow.close(window);
    }

    @Test
    void theSoundSwitchIsDisabledAndSaysWhy(FxRobot robot) {
        MenuButton bell = robot.lookup("#alert-mute").queryAs(MenuButton.class);
        MenuItem sound = fx(() -> bell.getItems().stream().filter(i -> "alert-sound".equals(i.getId())).findFirst()
                .orElseThrow());

        await().atMost(Duration.ofSeconds(10)).until(() -> fx(sound::isDisable));
        assertThat(fx(sound::getText)).isEqualTo("Play a sound (no audio device on this machine)");
        assertThat(fx(() -> bell.getTooltip().getText())).contains("no sound (no audio device on this machine)")
                .doesNotContain("turn the sound");
    }
}
