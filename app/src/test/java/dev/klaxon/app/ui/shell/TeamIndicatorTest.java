package dev.klaxon.app.ui.shell;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.controls.Message;
import dev.klaxon.app.testing.FakeEngine;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.config.JetStreamConfig;
import dev.klaxon.team.TeamStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The team indicator and the team banner for each mode, from the engine's snapshots (a fake engine). */
@ExtendWith(ApplicationExtension.class)
class TeamIndicatorTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");

    private final FakeEngine engine = new FakeEngine();
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = ShownWindow.show(stage, engine, "waiting");
    }

    @AfterEach
    void stop() {
        ShownWindow.close(window);
    }

    private static TeamStatus status(TeamStatus.Mode mode, String banner, String sender) {
        return new TeamStatus(Instant.parse("2026-12-03T03:00:00Z"), mode, banner, JetStreamConfig.Role.AUTO,
                "ben@laptop/42", mode == TeamStatus.Mode.SENDER, sender, Instant.parse("2026-12-03T02:40:00Z"),
                Duration.ofSeconds(3), List.of(), null, null);
    }

    private static String indicator(FxRobot robot) {
        return fx(() -> robot.lookup("#team-status").queryAs(Label.class).getText());
    }

    private static boolean indicatorIsAProblem(FxRobot robot) {
        return fx(() -> robot.lookup("#team-status").query().getPseudoClassStates().contains(PROBLEM));
    }

    private static Message banner(FxRobot robot) {
        return fx(() -> robot.lookup("#team-banner").tryQuery().map(Message.class::cast).orElse(null));
    }

    @Test
    void coreModeSaysSoWithoutABannerAndItsTooltipSaysEachConsolePagesOnItsOwn(FxRobot robot) {
        await().atMost(PATIENCE).until(() -> indicator(robot).equals("core mode"));
        assertThat(fx(() -> robot.lookup("#team-status").queryAs(Label.class).getTooltip().getText()))
                .startsWith("Core mode: this console pages on its own.");
        assertThat(banner(robot)).isNull();
        assertThat(indicatorIsAProblem(robot)).isFalse();
    }

    @Test
    void anObserverIsToldWhoPagesAndMayCloseThat(FxRobot robot) {
        engine.team(status(TeamStatus.Mode.OBSERVER, null, "ana@box/812"));
        await().atMost(PATIENCE).until(() -> indicator(robot).equals("observer · ana@box/812 sends · lease 3s"));
        await().atMost(PATIENCE).until(() -> banner(robot) != null);
        assertThat(fx(() -> banner(robot).getDescription())).startsWith("Observer: paging is done by ana@box/812 since ")
                .endsWith("This console shows every alert and pages none.");
        assertThat(fx(() -> banner(robot).getOnClose())).as("an observer may close it").isNotNull();
        assertThat(indicatorIsAProblem(robot)).isFalse();

        engine.team(status(TeamStatus.Mode.SENDER, null, "ben@laptop/42"));
        await().atMost(PATIENCE).until(() -> banner(robot) == null);
        assertThat(indicator(robot)).isEqualTo("sender · lease 3s");
    }

    @Test
    void degradedModesAreWarningsThatStayAndSayWhatTheyMeanForPaging(FxRobot robot) {
        engine.team(status(TeamStatus.Mode.UNREACHABLE, null, null));
        await().atMost(PATIENCE).until(() -> indicator(robot).equals("JetStream unreachable"));
        await().atMost(PATIENCE).until(() -> banner(robot) != null);
        assertThat(fx(() -> banner(robot).getDescription())).contains("nobody may be paging")
                .contains("holds its alerts rather than page on its own");
        assertThat(fx(() -> banner(robot).getOnClose())).as("a warning cannot be closed away").isNull();
        assertThat(indicatorIsAProblem(robot)).isTrue();

        engine.team(status(TeamStatus.Mode.VIEW_ONLY, "view only: this member pages nothing (stream KLAXON_ALERTS is "
                + "missing and creating it was refused: Permissions Violation for Publish to $JS.API.STREAM.CREATE"
                + ".KLAXON_ALERTS)", null));
        await().atMost(PATIENCE).until(() -> indicator(robot).equals("view only"));
        await().atMost(PATIENCE).until(() -> fx(() -> banner(robot).getDescription())
                .contains("Permissions Violation for Publish to $JS.API.STREAM.CREATE"));
        assertThat(fx(() -> banner(robot).getTitle())).isEqualTo("Team mode: view-only");

        engine.team(status(TeamStatus.Mode.NO_JETSTREAM, null, null));
        await().atMost(PATIENCE).until(() -> indicator(robot).equals("core (no JetStream)"));
        await().atMost(PATIENCE).until(() -> fx(() -> banner(robot).getDescription())
                .contains("this console pages on its own, like every other console of the team"));
        assertThat(robot.lookup("#team-banner").queryAll()).as("one team banner, replaced").hasSize(1);
    }
}
