package dev.klaxon.app.ui.live;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.app.prefs.Theme;
import dev.klaxon.app.ui.shell.Themes;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The start-up warm-up ends by itself, touches nothing on screen, and gives way for good when told to. */
@ExtendWith(ApplicationExtension.class)
class SubjectsWarmUpTest {
    private Scene shown;

    @Start
    void start(Stage stage) {
        Themes.apply(Theme.DARK);
        shown = new Scene(new StackPane(new Label("the console")), 1200, 700);
        Themes.style(shown);
        stage.setScene(shown);
        stage.show();
    }

    @Test
    void endsByItselfAndLeavesTheShownSceneAlone() {
        SubjectsWarmUp warmUp = new SubjectsWarmUp();
        int steps = 0;
        while (!fx(warmUp::finished)) {
            fx(() -> {
                warmUp.step(shown);
                return null;
            });
            steps++;
            assertThat(steps).as("steps").isLessThan(5_000);
        }
        assertThat(steps).as("steps, each one small").isGreaterThan(6);
        assertThat(fx(() -> ((StackPane) shown.getRoot()).getChildren())).hasSize(1)
                .allMatch(node -> node instanceof Label);
    }

    @Test
    void givesWayForGoodOnceStopped() {
        SubjectsWarmUp warmUp = new SubjectsWarmUp();
        fx(() -> {
            warmUp.step(shown);
            warmUp.stop();
            warmUp.step(shown);
            return null;
        });
        assertThat(fx(warmUp::finished)).isTrue();
    }
}
