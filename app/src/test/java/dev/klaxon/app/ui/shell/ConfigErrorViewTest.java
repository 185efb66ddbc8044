package dev.klaxon.app.ui.shell;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.app.prefs.Theme;
import dev.klaxon.config.ConfigError;
import dev.klaxon.config.ConfigException;
import dev.klaxon.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ConfigErrorViewTest {
    private final AtomicInteger quits = new AtomicInteger();
    private ConfigException problem;

    @Start
    void start(Stage stage) {
        try {
            new ConfigLoader().parse("""
                    nats:
                      sevrers: ["nats://127.0.0.1:4222"]
                    routes:
                      - match: "alerts..db"
                        action: page
                    """, Path.of("/home/ann/.config/klaxon/klaxon.yaml"));
            throw new AssertionError("the config above has errors");
        } catch (ConfigException e) {
            problem = e;
        }
        Themes.apply(Theme.DARK);
        Scene scene = new Scene(new ConfigErrorView(problem, quits::incrementAndGet).node(), 900, 500);
        Themes.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void listsEveryErrorWithKeyAndLineUnderTheFileAndQuits(FxRobot robot) {
        TextField file = robot.lookup("#config-error-file").queryAs(TextField.class);
        String shownFile = fx(file::getText);
        assertThat(shownFile).isEqualTo("/home/ann/.config/klaxon/klaxon.yaml");
        TextArea errors = robot.lookup("#config-errors").queryAs(TextArea.class);
        String listed = fx(errors::getText);
        List<String> expected = problem.errors().stream().map(ConfigError::render).toList();
        assertThat(expected).hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(line -> assertThat(line).startsWith("nats.sevrers").contains("(line 2)"))
                .anySatisfy(line -> assertThat(line).startsWith("routes[").contains("(line 4)"));
        assertThat(listed.lines().toList()).isEqualTo(expected);
        boolean editable = fx(errors::isEditable);
        assertThat(editable).isFalse();

        robot.clickOn("#quit-button");
        assertThat(quits.get()).isEqualTo(1);
    }
}
