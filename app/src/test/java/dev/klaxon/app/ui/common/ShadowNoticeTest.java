package dev.klaxon.app.ui.common;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ShadowNoticeTest {
    private static final String ROUTES = """
            routes:
              - match: "alerts.prod.>"
                action: page
                routing_key_env: PD_KEY
              - match: "alerts.staging.>"
                action: page
                routing_key_env: PD_KEY
                shadow: %s
            """;

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 10, 10));
    }

    @Test
    void namesShadowModeOrTheShadowedRulesAndSaysNothingWhenEverythingSends() throws Exception {
        assertThat(text(config("false", ""))).isEmpty();
        assertThat(text(config("true", ""))).contains("1 rule is in shadow (shadow: true)",
                "The others page for real");
        assertThat(text(config("false", "guards:\n  shadow: true\n"))).contains("Shadow mode (guards.shadow: true)",
                "nothing is sent to PagerDuty");
    }

    private static KlaxonConfig config(String shadowRoute, String guards) throws Exception {
        return new ConfigLoader().parse(ROUTES.formatted(shadowRoute) + guards, null);
    }

    private static String text(KlaxonConfig config) {
        Optional<Label> notice = fx(() -> ShadowNotice.of(config, "shadow"));
        return notice.map(Label::getText).orElse("");
    }
}
