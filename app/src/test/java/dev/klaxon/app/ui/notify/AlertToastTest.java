package dev.klaxon.app.ui.notify;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.controls.Notification;
import dev.klaxon.app.backend.HeldBatch;
import dev.klaxon.app.backend.LiveBackend;
import dev.klaxon.app.outlets.Alert;
import dev.klaxon.app.outlets.AlertOutlets;
import dev.klaxon.app.testing.FakeBackend;
import dev.klaxon.app.testing.FakeEngine;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.app.ui.shell.MainWindow;
import dev.klaxon.config.DeliveryConfig;
import dev.klaxon.config.PagerDutyConfig;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.incidents.DeskTiming;
import dev.klaxon.incidents.IncidentDesk;
import dev.klaxon.nats.ConnectionState;
import dev.klaxon.nats.ConnectionStatus;
import dev.klaxon.nats.IngestCounters;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.secret.SecretRef;
import dev.klaxon.stats.SeverityTotals;
import dev.klaxon.stats.TailEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Alerts end to end in the window: a new flood (fake engine) and a new incident (the real desk against the PagerDuty
 * double) each show one toast and reach the desktop outlet once, and a second one for the same subject or service
 * within the minute does not; what was there at startup never alerts.
 */
@ExtendWith(ApplicationExtension.class)
class AlertToastTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final String KEY_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String KEY_B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private final Floods engine = new Floods();
    private final List<Alert> desktop = new CopyOnWriteArrayList<>();
    private final AtomicInteger tones = new AtomicInteger();
    private PagerDutySimulator pd;
    private IncidentDesk desk;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        pd = PagerDutySimulator.start();
        pd.openIncident(KEY_A, "db-1-disk", "Disk 91% on db-1"); // open before the console: never alerted
        engine.flooding(List.of(new FloodStatus("alerts.old", Instant.now(), 50))); // likewise
        PagerDutyConfig config = new PagerDutyConfig(pd.eventsUrl(), pd.apiUrl(), SecretRef.env("PD_API_TOKEN"),
                PagerDutySimulator.USER_EMAIL, DeliveryConfig.defaults());
        desk = new IncidentDesk(config, name -> "PD_API_TOKEN".equals(name) ? PagerDutySimulator.API_TOKEN : null,
                Clock.systemUTC(), action -> { }, PagerDutySimulator.USER_EMAIL,
                new DeskTiming(Duration.ofSeconds(30), Duration.ofMillis(50), 10));
        desk.start();
        window = ShownWindow.show(stage, new FakeBackend(new FakeEngine()).live(engine).incidents(desk), "Waiting",
                new AlertOutlets(desktop::addAll, alerts -> tones.incrementAndGet()));
    }

    @AfterEach
    void stop() {
        ShownWindow.close(window);
        desk.close();
        pd.close();
    }

    private static List<String> toasts(FxRobot robot) {
        return fx(() -> robot.lookup(".alert-toast").queryAllAs(Notification.class).stream()
                .map(Notification::getMessage).toList());
    }

    private static long toastsContaining(FxRobot robot, String text) {
        return toasts(robot).stream().filter(message -> message.contains(text)).count();
    }

    private int incidentRows(FxRobot robot) {
        TableView<?> table = robot.lookup("#incidents-table").queryAs(TableView.class);
        return fx(() -> table.getItems().size());
    }

    /** Waits until the window has applied a poll of the engine made after this call. */
    private void awaitFramesSee(int polls) {
        int target = engine.polls() + polls;
        await().atMost(PATIENCE).until(() -> engine.polls() >= target);
        fx(() -> null); // and a frame after it
        fx(() -> null);
    }

    @Test
    void aNewFloodShowsOneToastAndNotASecondWithinTheMinute(FxRobot robot) {
        awaitFramesSee(2);
        assertThat(toasts(robot)).isEmpty(); // alerts.old was flooding at startup

        engine.flooding(List.of(new FloodStatus("alerts.old", Instant.now(), 50),
                new FloodStatus("alerts.prod.db", Instant.now(), 31)));
        await().atMost(PATIENCE).until(() -> toastsContaining(robot, "Flood: alerts.prod.db") == 1);
        assertThat(desktop).extracting(Alert::title).containsExactly("Flood: alerts.prod.db");
        assertThat(tones.get()).isEqualTo(1);

        // It leaves flood state and enters it again within the minute, together with a new subject.
        engine.flooding(List.of());
        awaitFramesSee(2);
        engine.flooding(List.of(new FloodStatus("alerts.prod.db", Instant.now(), 5),
                new FloodStatus("alerts.prod.api", Instant.now(), 31)));
        await().atMost(PATIENCE).until(() -> toastsContaining(robot, "Flood: alerts.prod.api") == 1);
        assertThat(toastsContaining(robot, "Flood: alerts.prod.db")).isLessThanOrEqualTo(1);
        assertThat(desktop).extracting(Alert::title)
                .containsExactly("Flood: alerts.prod.db", "Flood: alerts.prod.api");
    }

    @Test
    void aNewIncidentShowsOneToastPerServiceWithinTheMinute(FxRobot robot) {
        await().atMost(PATIENCE).until(() -> incidentRows(robot) == 1);
        assertThat(toasts(robot)).isEmpty(); // open before the console started

        pd.openIncident(KEY_A, "api-5xx", "API 5xx above 2%");
        desk.refreshNow().join();
        await().atMost(PATIENCE).until(() -> toastsContaining(robot, "API 5xx above 2%") == 1);
        assertThat(toasts(robot)).anyMatch(message -> message.startsWith("New incident on Service 1"));

        // Same service within the minute: the incidents panel shows it, no second alert.
        pd.openIncident(KEY_A, "queue-lag", "Queue lag 4 min");
        desk.refreshNow().join();
        await().atMost(PATIENCE).until(() -> incidentRows(robot) == 3);
        assertThat(toastsContaining(robot, "Queue lag")).isZero();

        // Another service: alerted.
        pd.openIncident(KEY_B, "web-down", "Web down");
        desk.refreshNow().join();
        await().atMost(PATIENCE).until(() -> toastsContaining(robot, "Web down") == 1);
        assertThat(desktop).extracting(Alert::key).containsExactly("service:PSVC1", "service:PSVC2");
        assertThat(desktop.get(0).kind()).isEqualTo(Alert.Kind.INCIDENT);
    }

    @Test
    void mutingFromTheBellSuppressesAlertsAndSaysUntilWhen(FxRobot robot) {
        awaitFramesSee(2);
        robot.clickOn("#alert-mute");
        robot.clickOn("Mute for 15 minutes");
        String shown = fx(() -> robot.lookup("#alert-mute").queryLabeled().getText());
        assertThat(shown).matches("Muted until \\d\\d:\\d\\d");

        engine.flooding(List.of(new FloodStatus("alerts.prod.db", Instant.now(), 31)));
        awaitFramesSee(3);
        assertThat(toasts(robot)).isEmpty();
        assertThat(desktop).isEmpty();

        robot.clickOn("#alert-mute");
        robot.clickOn("Unmute now");
        assertThat(fx(() -> robot.lookup("#alert-mute").queryLabeled().getText())).isEmpty();
        engine.flooding(List.of(new FloodStatus("alerts.prod.db", Instant.now(), 31),
                new FloodStatus("alerts.prod.api", Instant.now(), 31)));
        await().atMost(PATIENCE).until(() -> toastsContaining(robot, "Flood: alerts.prod.api") == 1);
    }

    /** A live source with nothing but floods, counting its polls so a test knows the window has looked. */
    private static final class Floods implements LiveBackend {
        private static final Instant START = Instant.parse("2026-01-01T03:00:00Z");
        private final AtomicInteger polls = new AtomicInteger();
        private volatile List<FloodStatus> flooding = List.of();

        void flooding(List<FloodStatus> now) {
            flooding = List.copyOf(now);
        }

        int polls() {
            return polls.get();
        }

        @Override
        public List<FloodStatus> floods() {
            return flooding;
        }

        @Override
        public HeldBatch held(String subject) {
            return HeldBatch.none(subject);
        }

        @Override
        public EngineSnapshot snapshot() {
            polls.incrementAndGet();
            return new EngineSnapshot(START, new ConnectionStatus(ConnectionState.CONNECTED, "nats://127.0.0.1:4222",
                    START, "connected"), new IngestCounters(0, 0, 0, 0, 0, 10_000), Map.of(), Map.of(), List.of(), 0,
                    null, 0, SeverityTotals.NONE);
        }

        @Override
        public List<TailEntry> tail(String subject) {
            return List.of();
        }
    }
}
