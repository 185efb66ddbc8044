package dev.klaxon.app.ui.rules;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.app.backend.RulesBackend;
import dev.klaxon.app.backend.engine.EngineBackend;
import dev.klaxon.app.testing.FakeBackend;
import dev.klaxon.app.testing.FakeEngine;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.app.ui.shell.MainWindow;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.config.PagerDutyConfig;
import dev.klaxon.decision.Decision;
import dev.klaxon.engine.Engine;
import dev.klaxon.incidents.IncidentDesk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
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
import org.testfx.util.WaitForAsyncUtils;

/**
 * The rules view in the main window over the real engine's explain (not started: nothing is sent or counted), with
 * hit counts from a settable stand-in so the table can be watched moving.
 */
@ExtendWith(ApplicationExtension.class)
class RulesViewTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final AtomicReference<long[]> hits = new AtomicReference<>(new long[] {0, 0});
    private Engine engine;
    private EngineBackend real;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path storage = Files.createTempDirectory("klaxon-rules-view-test-");
        KlaxonConfig config = new ConfigLoader().parse("""
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_KEY_PROD
                    severity: critical
                  - match: "alerts.>"
                    action: log
                """.formatted(storage), null);
        engine = Engine.create(config, Clock.systemUTC());
        IncidentDesk desk = new IncidentDesk(PagerDutyConfig.defaults(), name -> null, Clock.systemUTC(),
                action -> { }, "test");
        real = EngineBackend.of(engine, desk, null);
        RulesBackend rules = new RulesBackend() {
            @Override
            public KlaxonConfig config() {
                return real.rules().config();
            }

            @Override
            public long[] ruleHits() {
                return hits.get();
            }

            @Override
            public CompletableFuture<Decision> explain(String subject, byte[] body, Map<String, List<String>> headers) {
                return real.rules().explain(subject, body, headers);
            }

            @Override
            public CompletableFuture<List<String>> tryOnHistory(java.nio.file.Path candidate,
                                                                java.time.Duration since,
                                                                java.util.function.LongConsumer progress,
                                                                java.util.function.BooleanSupplier cancelled) {
                return real.rules().tryOnHistory(candidate, since, progress, cancelled);
            }
        };
        window = ShownWindow.show(stage, new FakeBackend(new FakeEngine()).rules(rules), "waiting");
    }

    @AfterEach
    void tearDown() {
        ShownWindow.close(window);
        real.close();
        engine.close();
    }

    @SuppressWarnings("unchecked")
    private TableView<RulesView.RuleRow> table(FxRobot robot) {
        return robot.lookup("#rules-table").queryAs(TableView.class);
    }

    @Test
    void ctrl6ShowsTheRulesInOrderWithReferencesAndLiveHitCounts(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        await().atMost(PATIENCE).until(() -> robot.lookup("#rules-table").tryQuery().isPresent());
        TableView<RulesView.RuleRow> table = table(robot);
        assertThat(fx(() -> table.getItems().stream().map(r -> r.rule().label()).toList()))
                .containsExactly("routes[0] \"alerts.prod.>\"", "routes[1] \"alerts.>\"");
        assertThat(robot.lookup("env PD_KEY_PROD").tryQuery()).isPresent();
        assertThat(robot.lookup("message's, else critical").tryQuery()).isPresent();

        hits.set(new long[] {7, 1234});
        await().atMost(PATIENCE).until(() -> fx(() -> table.getItems().get(0).hits() == 7
                && table.getItems().get(1).hits() == 1234));
        await().atMost(PATIENCE).until(() -> robot.lookup("1,234").tryQuery().isPresent());
    }

    @Test
    void aReloadOfTheEngineShowsTheNewRulesWithoutReopeningTheView(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        await().atMost(PATIENCE).until(() -> robot.lookup("#rules-table").tryQuery().isPresent());
        Path file = Files.createTempDirectory("klaxon-rules-reload-").resolve("klaxon.yaml");
        Files.writeString(file, """
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: log
                  - match: "alerts.staging.>"
                    action: drop
                  - match: "alerts.>"
                    action: log
                guards:
                  shadow: true
                """.formatted(file.getParent()));
        hits.set(new long[] {0, 0, 0});

        assertThat(engine.reload(() -> new ConfigLoader().load(file)).applied()).isTrue();

        TableView<RulesView.RuleRow> table = table(robot);
        await().atMost(PATIENCE).until(() -> fx(() -> table.getItems().size()) == 3);
        assertThat(fx(() -> table.getItems().stream().map(r -> r.rule().label()).toList()))
                .containsExactly("routes[0] \"alerts.prod.>\"", "routes[1] \"alerts.staging.>\"",
                        "routes[2] \"alerts.>\"");
        assertThat(fx(() -> robot.lookup("#rules-count").queryAs(javafx.scene.control.Label.class).getText()))
                .startsWith("3 rules");
        assertThat(robot.lookup("#rules-shadow").tryQuery()).as("guards.shadow is now on").isPresent();
    }

    @Test
    void theTestBoxShowsTheMatchingRuleAndTheExactBodyWithTheKeyMasked(FxRobot robot) {
        fx(() -> {
            window.show(RulesView.class);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#rule-test-subject").write("alerts.prod.db");
        fx(() -> {
            robot.lookup("#rule-test-payload").queryTextInputControl()
                    .setText("{\"summary\": \"disk full\", \"source\": \"db-1\"}");
            return null;
        });
        robot.clickOn("#rule-test-run");

        TextArea result = robot.lookup("#rule-test-result").queryAs(TextArea.class);
        await().atMost(PATIENCE).until(() -> !fx(result::getText).isEmpty());
        String text = fx(result::getText);
        assertThat(text).contains("decision: forwarded", "matched:  routes[0] \"alerts.prod.>\"", "action:   page",
                "\"routing_key\" : \"******** (env PD_KEY_PROD)\"", "\"summary\" : \"disk full\"",
                "\"severity\" : \"critical\"", "\"event_action\" : \"trigger\"");
        assertThat(fx(() -> robot.lookup("#rule-test-outcome").queryAs(Label.class).getText()))
                .isEqualTo("forwarded");
        assertThat(fx(() -> robot.lookup("#rule-test-status").queryAs(Label.class).getText()))
                .isEqualTo("Matched routes[0] \"alerts.prod.>\".");
        assertThat(fx(() -> table(robot).getSelectionModel().getSelectedIndex())).isEqualTo(0);
        assertThat(engine.ruleHits()).containsExactly(0, 0); // a test is never counted
    }

    @Test
    void invalidJsonIsNamedWithWhereItBreaksAndTheEngineIsNotAsked(FxRobot robot) {
        fx(() -> {
            window.show(RulesView.class);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#rule-test-subject").write("alerts.staging.web");
        fx(() -> {
            robot.lookup("#rule-test-payload").queryTextInputControl().setText("{\"summary\": \"disk full\",");
            return null;
        });
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);

        Label status = robot.lookup("#rule-test-status").queryAs(Label.class);
        await().atMost(PATIENCE).until(() -> fx(status::getText).startsWith("Payload: not valid JSON"));
        assertThat(fx(status::getText)).contains("line 1, column");
        assertThat(fx(() -> robot.lookup("#rule-test-result").queryAs(TextArea.class).getText())).isEmpty();
    }
}
