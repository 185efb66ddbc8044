package dev.klaxon.app.ui.shell;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.app.perf.PerfSample;
import dev.klaxon.app.prefs.Theme;
import java.time.Instant;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class StatusBarPerfTest {
    private static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");
    private StatusBar bar;

    @Start
    void start(Stage stage) {
        Themes.apply(Theme.DARK);
        bar = new StatusBar();
        // Wide enough for every item: narrower, the console's own lag is the first to give way (NarrowWindowTest).
        Scene scene = new Scene(new StackPane(bar.node()), 1600, 40);
        Themes.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    private static PerfSample sample(double p99, double fps) {
        return new PerfSample(Instant.parse("2026-11-29T17:00:00Z"), fps, 1.2, p99, p99 + 5, 20, p99 > 33 ? 1 : 0,
                200L * 1024 * 1024, 10_000, 1_234, 0);
    }

    @Test
    void showsLagAndFrameRateOnlyOnceMeasuredAndWarnsInWordsAndIconWhenSluggish(FxRobot robot) {
        Label perf = robot.lookup("#fx-perf").queryAs(Label.class);
        assertThat(fx(perf::isVisible)).isFalse();

        fx(() -> {
            bar.showPerf(sample(4.4, 59.9));
            return null;
        });
        // Shown by the status bar's next layout pass (the bar decides what fits).
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> fx(perf::isVisible));
        assertThat(fx(perf::getText)).isEqualTo("FX lag 4 ms · 60 fps");
        assertThat(fx(() -> perf.getPseudoClassStates().contains(PROBLEM))).isFalse();
        assertThat(fx(() -> perf.getTooltip().getText())).contains("p99 4.4 ms").contains("Heap in use: 200 MB")
                .contains("1,234 messages decided per second");

        fx(() -> {
            bar.showPerf(sample(120, 12));
            return null;
        });
        assertThat(fx(perf::getText)).isEqualTo("FX lag 120 ms (slow) · 12 fps");
        assertThat(fx(() -> perf.getPseudoClassStates().contains(PROBLEM))).isTrue();
        assertThat(fx(() -> ((FontIcon) perf.getGraphic()).getIconCode())).isEqualTo(Material2MZ.WARNING);
    }
}
