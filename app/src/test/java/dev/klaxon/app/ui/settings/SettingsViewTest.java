package dev.klaxon.app.ui.settings;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.app.backend.engine.BackendThreads;
import dev.klaxon.app.backend.engine.FileSettings;
import dev.klaxon.app.prefs.Theme;
import dev.klaxon.app.ui.shell.Themes;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineOptions;
import dev.klaxon.natsserver.NatsServerProcess;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The settings view against a real config file and a real nats-server. */
@ExtendWith(ApplicationExtension.class)
class SettingsViewTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String KEY = "0123456789abcdef0123456789abcdef";

    private NatsServerProcess server;
    private Engine engine;
    private BackendThreads threads;
    private SettingsView view;
    private Path file;

    @Start
    void start(Stage stage) throws Exception {
        server = NatsServerProcess.start();
        Path dir = Files.createTempDirectory("klaxon-settings-view-test-");
        file = dir.resolve("klaxon.yaml");
        Files.writeString(file, """
                # my bridge
                nats:
                  servers: ["%s"]   # local
                pagerduty:
                  # from_email: someone@example.com
                  api_url: https://api.pagerduty.com
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"   # prod pages
                    action: page
                    routing_key_env: PD_KEY_PROD
                """.formatted(server.url(), dir.resolve("storage")), StandardCharsets.UTF_8);
        ConfigLoader loader = new ConfigLoader(dir);
        KlaxonConfig config = loader.load(file);
        threads = new BackendThreads();
        Map<String, String> environment = Map.of("PD_KEY_PROD", KEY, "PD_KEY_OTHER", KEY);
        // A real engine, not started: its reload reads the file and swaps the rules as a running one does.
        engine = Engine.create(config, Clock.systemUTC(), EngineOptions.defaults().withEnvironment(environment::get));
        view = new SettingsView(new FileSettings(config, loader, environment::get, Clock.systemUTC(), threads,
                () -> engine.reload(() -> loader.load(file))));
        Themes.apply(Theme.DARK);
        Scene scene = new Scene((javafx.scene.Parent) view.node(), 1200, 780);
        Themes.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        threads.close();
        engine.close();
        server.close();
    }

    private static String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    private void setText(FxRobot robot, String id, String text) {
        fx(() -> {
            robot.lookup(id).queryTextInputControl().setText(text);
            return null;
        });
    }

    @Test
    void testConnectionReachesTheRealServerAndNamesTheReasonForAClosedPort(FxRobot robot) throws Exception {
        setText(robot, "#settings-from-email", "not an email"); // another section's mistake does not block NATS
        robot.clickOn("#settings-test-nats");
        await().atMost(PATIENCE).until(() -> text(robot, "#settings-nats-result").startsWith("OK: "));
        assertThat(text(robot, "#settings-nats-result")).startsWith("OK: connected to " + server.url());

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        setText(robot, "#settings-servers", "nats://127.0.0.1:" + closed);
        robot.clickOn("#settings-test-nats");
        await().atMost(PATIENCE).until(() -> text(robot, "#settings-nats-result").startsWith("Failed: "));
        assertThat(text(robot, "#settings-nats-result"))
                .startsWith("Failed: could not connect to nats://127.0.0.1:" + closed + ": ")
                .containsIgnoringCase("refused");
        assertThat(Files.readString(file)).contains(server.url()); // testing never saves
    }

    @Test
    void reviewNamesTheBadFieldBesideItThenSaveKeepsTheCommentsAndABackup(FxRobot robot) throws Exception {
        String before = Files.readString(file);
        setText(robot, "#settings-from-email", "oncall at example");
        robot.clickOn("#settings-review");
        await().atMost(PATIENCE).until(() -> !text(robot, "#settings-error-pagerduty-from-email").isEmpty());
        assertThat(text(robot, "#settings-error-pagerduty-from-email"))
                .startsWith("pagerduty.from_email: expected an email address");
        assertThat(fx(() -> robot.lookup("#settings-save").queryAs(Button.class).isDisabled())).isTrue();

        setText(robot, "#settings-from-email", "oncall@example.com");
        robot.clickOn("#settings-review");
        await().atMost(PATIENCE).until(() -> !fx(() -> robot.lookup("#settings-save").queryAs(Button.class)
                .isDisabled()));
        assertThat(text(robot, "#settings-error-pagerduty-from-email")).isEmpty();
        assertThat(fx(() -> robot.lookup("#settings-diff").queryAs(TextArea.class).getText()))
                .isEqualTo("+ 7:   from_email: \"oncall@example.com\"");

        robot.clickOn("#settings-save");
        await().atMost(PATIENCE).until(() -> text(robot, "#settings-status").contains("Applied"));
        assertThat(text(robot, "#settings-status")).startsWith("Saved ").endsWith("Applied: the console now runs 1 "
                + "route(s); the PagerDuty settings take effect when Klaxon restarts.");
        assertThat(engine.config().pagerduty().fromEmail()).as("the running PagerDuty settings stay").isNull();
        assertThat(Files.readString(file)).isEqualTo(before.replace("  api_url: https://api.pagerduty.com\n",
                "  api_url: https://api.pagerduty.com\n  from_email: \"oncall@example.com\"\n"));
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("klaxon.yaml.bak-"));
        }
    }

    @Test
    void saveAndApplyHasTheRunningEngineRouteWithTheNewRoutingKeyAtOnce(FxRobot robot) throws Exception {
        setText(robot, "#settings-routing-key-0", "PD_KEY_OTHER");
        robot.clickOn("#settings-review");
        await().atMost(PATIENCE).until(() -> !fx(() -> robot.lookup("#settings-save").queryAs(Button.class)
                .isDisabled()));

        robot.clickOn("#settings-save");

        await().atMost(PATIENCE).until(() -> text(robot, "#settings-status").contains("Applied"));
        assertThat(text(robot, "#settings-status")).endsWith("Applied: the console now runs 1 route(s).");
        assertThat(engine.config().routes().get(0).routingKeyRef()).isEqualTo("env:PD_KEY_OTHER");
    }

    @Test
    void readOnlyShowsTheNoteAndRefusesEdits(FxRobot robot) {
        fx(() -> {
            view.readOnly("Demo mode: read-only.");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#settings-read-only")).isEqualTo("Demo mode: read-only.");
        assertThat(fx(() -> robot.lookup("#settings-from-email").queryTextInputControl().isEditable())).isFalse();
        assertThat(fx(() -> robot.lookup("#settings-review").queryAs(Button.class).isDisabled())).isTrue();
        assertThat(fx(() -> robot.lookup("#settings-test-nats").queryAs(Button.class).isDisabled())).isFalse();
    }
}
