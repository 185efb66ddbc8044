package dev.klaxon.app.ui.shell;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.app.testing.FakeEngine;
import dev.klaxon.engine.ReloadResult;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.app.ui.deadletters.DeadLetterView;
import dev.klaxon.app.ui.live.SubjectRow;
import dev.klaxon.decision.Outcome;
import dev.klaxon.delivery.DeliveryStatus;
import dev.klaxon.delivery.Reachability;
import dev.klaxon.nats.ConnectionState;
import dev.klaxon.nats.ConnectionStatus;
import dev.klaxon.outbox.OutboxStats;
import dev.klaxon.stats.LiveStats;
import dev.klaxon.storage.StorageState;
import dev.klaxon.storage.StorageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javafx.scene.Node;
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

/** The main view against a fake engine: exact counts, no network, so behaviour is checked precisely. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final FakeEngine engine = new FakeEngine();
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = ShownWindow.show(stage, engine, "Waiting for alerts.>");
    }

    @AfterEach
    void stop() {
        ShownWindow.close(window);
    }

    @SuppressWarnings("unchecked")
    private TableView<SubjectRow> subjects(FxRobot robot) {
        return robot.lookup("#subjects-table").queryAs(TableView.class);
    }

    private List<String> shownSubjects(FxRobot robot) {
        TableView<SubjectRow> table = subjects(robot);
        return fx(() -> table.getItems().stream().map(SubjectRow::subject).toList());
    }

    private long shownTotal(FxRobot robot, String subject) {
        TableView<SubjectRow> table = subjects(robot);
        return fx(() -> table.getItems().stream().filter(r -> r.subject().equals(subject))
                .mapToLong(r -> r.totalProperty().get()).findFirst().orElse(-1));
    }

    private void awaitFx(Predicate<FxRobot> condition, FxRobot robot) {
        await().atMost(PATIENCE).until(() -> condition.test(robot));
    }

    @Test
    void rowsKeepTheirPlaceWhileThePointerIsOverTheTableAndResortOnceItLeaves(FxRobot robot) {
        engine.publish("alerts.a", "{}", Outcome.LOGGED, 30);
        engine.publish("alerts.b", "{}", Outcome.LOGGED, 20);
        engine.publish("alerts.c", "{}", Outcome.LOGGED, 10);
        await().atMost(PATIENCE).until(() -> shownSubjects(robot).equals(List.of("alerts.a", "alerts.b", "alerts.c")));
        robot.moveTo("alerts.b");

        engine.publish("alerts.c", "{}", Outcome.LOGGED, 50); // by rate it now belongs on top
        TableView<SubjectRow> table = subjects(robot);
        await().atMost(PATIENCE).until(() -> fx(() -> table.getItems().stream()
                .filter(r -> r.subject().equals("alerts.c")).findFirst().orElseThrow().rate1mProperty().get()) == 50);
        // Longer than the once-a-second re-sort: the rows stay where the pointer found them.
        await().during(Duration.ofMillis(1_500)).atMost(PATIENCE).until(() -> shownSubjects(robot)
                .equals(List.of("alerts.a", "alerts.b", "alerts.c")));

        robot.moveTo("#connection-status");
        await().atMost(PATIENCE).until(() -> shownSubjects(robot).equals(List.of("alerts.c", "alerts.a", "alerts.b")));
    }

    @Test
    void aPickedRowKeepsItsPlaceForAWhileSaysSoAndAReSortLeavesTheKeysOnIt(FxRobot robot) {
        engine.publish("alerts.a", "{}", Outcome.LOGGED, 30);
        engine.publish("alerts.b", "{}", Outcome.LOGGED, 20);
        engine.publish("alerts.c", "{}", Outcome.LOGGED, 10);
        await().atMost(PATIENCE).until(() -> shownSubjects(robot).equals(List.of("alerts.a", "alerts.b", "alerts.c")));
        robot.moveTo("#connection-status"); // the keyboard alone: the pointer is not over the table
        fx(() -> {
            stage.requestFocus();
            subjects(robot).requestFocus();
            return null;
        });
        TableView<SubjectRow> table = subjects(robot);
        awaitFx(r -> "alerts.a".equals(fx(() -> selectedSubject(table))), robot); // the console's first choice
        robot.press(KeyCode.J).release(KeyCode.J);
        awaitFx(r -> "alerts.b".equals(fx(() -> selectedSubject(table))), robot);

        engine.publish("alerts.c", "{}", Outcome.LOGGED, 50); // by rate it now belongs on top
        await().atMost(PATIENCE).until(() -> fx(() -> table.getItems().stream()
                .filter(r -> r.subject().equals("alerts.c")).findFirst().orElseThrow().rate1mProperty().get()) == 50);
        // Longer than the once-a-second re-sort: the row just picked stays where it was, and the header says why.
        Label paused = robot.lookup("#subjects-order-paused").queryAs(Label.class);
        await().atMost(PATIENCE).until(() -> fx(paused::isVisible));
        await().during(Duration.ofMillis(1_500)).atMost(PATIENCE).until(() -> shownSubjects(robot)
                .equals(List.of("alerts.a", "alerts.b", "alerts.c")));

        // Then the order is live again: the pick moves with its row, and so does where the keys go on from.
        await().atMost(PATIENCE).until(() -> shownSubjects(robot).equals(List.of("alerts.c", "alerts.a", "alerts.b")));
        assertThat(fx(paused::isVisible)).isFalse();
        assertThat(fx(() -> selectedSubject(table))).isEqualTo("alerts.b");
        assertThat(fx(() -> table.getFocusModel().getFocusedIndex())).isEqualTo(2);
        robot.press(KeyCode.UP).release(KeyCode.UP); // the table's own arrow keys go on from the focus
        awaitFx(r -> "alerts.a".equals(fx(() -> selectedSubject(table))), robot);
        robot.press(KeyCode.K).release(KeyCode.K);
        awaitFx(r -> "alerts.c".equals(fx(() -> selectedSubject(table))), robot);
    }

    private static String selectedSubject(TableView<SubjectRow> table) {
        SubjectRow row = table.getSelectionModel().getSelectedItem();
        return row == null ? null : row.subject();
    }

    @Test
    void statusBarShowsPagerDutyFailingDeadLettersAndCommitFailures(FxRobot robot) {
        Label pagerDuty = robot.lookup("#pagerduty-status").queryAs(Label.class);
        assertThat(fx(pagerDuty::getText)).isEqualTo("PagerDuty —");
        assertThat(fx(() -> robot.lookup("#outbox-failure-count").queryAs(Label.class).isVisible())).isFalse();

        engine.delivery(new DeliveryStatus(new OutboxStats(3, Duration.ofSeconds(42), 2, 0, Map.of("prod", 3L)),
                Map.of("prod", 7), 120, Reachability.FAILING, "HTTP 503 from PagerDuty", null, 1, Map.of()), 4);
        engine.publish("alerts.prod.db", "{}", Outcome.FORWARDED, 1); // a new snapshot

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(fx(pagerDuty::getText)).isEqualTo("PagerDuty failing"));
        assertThat(fx(() -> pagerDuty.getTooltip().getText())).contains("HTTP 503 from PagerDuty");
        // Icon and words, not colour alone.
        assertThat(fx(() -> pagerDuty.getGraphic() != null)).isTrue();
        Label dead = robot.lookup("#dead-letter-count").queryAs(Label.class);
        assertThat(fx(dead::getText)).isEqualTo("dead letters 2");
        assertThat(fx(() -> dead.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("problem"))))
                .isTrue();
        assertThat(fx(() -> robot.lookup("#outbox-depth").queryAs(Label.class).getText()))
                .isEqualTo("outbox 3 · oldest 42 s");
        Label failures = robot.lookup("#outbox-failure-count").queryAs(Label.class);
        assertThat(fx(failures::isVisible)).isTrue();
        assertThat(fx(failures::getText)).isEqualTo("not committed 4");
    }

    @Test
    void withoutAPagerDutyTokenTheIncidentsPanelSaysWhichKeyToSet(FxRobot robot) {
        Label state = robot.lookup("#incidents-state").queryAs(Label.class);
        assertThat(fx(state::isVisible)).isTrue();
        assertThat(fx(state::getText)).startsWith("Incidents are off. No PagerDuty REST API token configured")
                .contains("pagerduty.api_token_env");
        assertThat(fx(() -> state.getGraphic() != null)).isTrue();
        assertThat(fx(() -> robot.lookup("#incident-acknowledge").queryButton().isDisabled())).isTrue();
    }

    @Test
    void ctrl3AndTheDeadLetterCountOpenTheDeadLetters(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        await().atMost(PATIENCE).until(() -> fx(() -> window.showing(DeadLetterView.class)));
        assertThat(robot.lookup("#dead-letter-table").tryQuery()).isPresent();

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        await().atMost(PATIENCE).until(() -> !fx(() -> window.showing(DeadLetterView.class)));
        robot.clickOn("#dead-letter-count");
        await().atMost(PATIENCE).until(() -> fx(() -> window.showing(DeadLetterView.class)));
    }

    @Test
    void theEmptyTableSaysWhyNothingArrivesWhileNatsCannotBeReached(FxRobot robot) {
        Label placeholder = fx(() -> (Label) subjects(robot).getPlaceholder());
        engine.connection(new ConnectionStatus(ConnectionState.CONNECTING, "nats://127.0.0.1:4999", Instant.now(),
                "Connection refused"));
        await().atMost(PATIENCE).until(() -> fx(placeholder::getText).contains(
                "Not connected to NATS at nats://127.0.0.1:4999: Connection refused."));
        assertThat(fx(placeholder::getText)).startsWith("Waiting for alerts.>");

        engine.connection(new ConnectionStatus(ConnectionState.CONNECTED, "nats://127.0.0.1:4999", Instant.now(),
                "connected"));
        await().atMost(PATIENCE).until(() -> fx(placeholder::getText).equals("Waiting for alerts.>"));
    }

    @Test
    void aPermissionWarningIsABannerThatStaysUntilClosed(FxRobot robot) {
        String warning = "secret file /home/ann/pd-key is readable by group and others (mode 0644): only you should "
                + "be able to read it; run: chmod 600 /home/ann/pd-key";
        fx(() -> {
            window.showWarning("File permissions", warning);
            return null;
        });

        await().atMost(PATIENCE).until(() -> robot.lookup("#warning-banner").tryQuery().isPresent());
        assertThat(fx(() -> robot.lookup("#warning-banner").queryAs(atlantafx.base.controls.Message.class)
                .getDescription())).isEqualTo(warning);
    }

    @Test
    void aRefusedReloadStaysAsAWarningWithItsReasonUntilAReloadIsApplied(FxRobot robot) {
        java.nio.file.Path file = java.nio.file.Path.of("/home/ann/.config/klaxon/klaxon.yaml");
        engine.reloaded(new ReloadResult(Instant.now(), file, false, file + ":\n  routes[0].action: expected page, "
                + "change, log or drop, got \"pag\" (line 12)", List.of()));
        engine.publish("alerts.prod.db", "{}", Outcome.FORWARDED, 1); // a new snapshot
        await().atMost(PATIENCE).until(() -> robot.lookup("#reload-banner").tryQuery().isPresent());
        atlantafx.base.controls.Message refused = fx(() -> robot.lookup("#reload-banner")
                .queryAs(atlantafx.base.controls.Message.class));
        assertThat(fx(refused::getTitle)).isEqualTo("Config not applied");
        assertThat(fx(refused::getDescription)).startsWith("Not applied; the running config is kept: ")
                .contains("routes[0].action").contains("(line 12)");

        engine.reloaded(new ReloadResult(Instant.now(), file, true, "2 route(s)", List.of("nats")));
        engine.publish("alerts.prod.db", "{}", Outcome.FORWARDED, 1);

        await().atMost(PATIENCE).until(() -> "Config reloaded".equals(fx(() -> robot.lookup("#reload-banner")
                .tryQueryAs(atlantafx.base.controls.Message.class).map(m -> m.getTitle()).orElse(""))));
        assertThat(fx(() -> robot.lookup("#reload-banner").queryAll().size())).as("one replaces the other")
                .isEqualTo(1);
        assertThat(fx(() -> robot.lookup("#reload-banner").queryAs(atlantafx.base.controls.Message.class)
                .getDescription())).isEqualTo("Applied: the console now runs 2 route(s); the NATS settings take "
                + "effect when Klaxon restarts.");
    }

    @Test
    void aBannerSaysStorageIsFullWithWhatIsHeldAndLostUntilItTakesWritesAgain(FxRobot robot) {
        engine.storage(new StorageStatus(StorageState.FULL, Instant.parse("2026-01-01T03:00:00Z"),
                "outbox.db: database or disk is full (No space left on device): free space in /var/lib/klaxon",
                12, 10_000, 3, 0));
        engine.publish("alerts.prod.db", "{}", Outcome.FORWARDED, 1); // a new snapshot
        await().atMost(PATIENCE).until(() -> robot.lookup("#storage-banner").tryQuery().isPresent());
        String said = fx(() -> robot.lookup("#storage-banner").queryAs(atlantafx.base.controls.Message.class)
                .getDescription());
        assertThat(said).contains("12 event(s) for PagerDuty held in memory").contains("3 lost")
                .contains("No space left on device");

        engine.storage(StorageStatus.ok(10_000));
        engine.publish("alerts.prod.db", "{}", Outcome.FORWARDED, 1);
        await().atMost(PATIENCE).until(() -> robot.lookup("#storage-banner").tryQuery().isEmpty());
    }

    @Test
    void showsAPlaceholderThenRowsBusiestFirstWithBucketsLast(FxRobot robot) {
        Label placeholder = fx(() -> (Label) subjects(robot).getPlaceholder());
        assertThat(fx(placeholder::getText)).isEqualTo("Waiting for alerts.>");

        engine.publish(LiveStats.OTHER_SUBJECTS, "x", Outcome.LOGGED, 500);
        engine.publish("alerts.staging.api", "{\"summary\":\"slow\"}", Outcome.LOGGED, 1);
        engine.publish("alerts.prod.db", "{\"summary\":\"disk\"}", Outcome.SHADOWED, 40);
        engine.publish("alerts.prod.db", "garbage", Outcome.REJECTED, 40);

        awaitFx(r -> shownSubjects(r).size() == 3, robot);
        assertThat(shownSubjects(robot))
                .containsExactly("alerts.prod.db", "alerts.staging.api", LiveStats.OTHER_SUBJECTS);
        assertThat(shownTotal(robot, "alerts.prod.db")).isEqualTo(2);
        // The rejection is shown as an icon and words, not by colour alone.
        assertThat(robot.lookup(".rejected-count").queryAllAs(Label.class))
                .anySatisfy(label -> assertThat(fx(() -> label.isVisible() ? label.getText() : ""))
                        .isEqualTo("rejected 1"));
        assertThat(robot.lookup(".breakdown").queryAllAs(Label.class))
                .anySatisfy(label -> assertThat(fx(label::getText)).isEqualTo("shadowed 1"));
        assertThat(robot.lookup("other subjects (over the cap)").tryQuery()).isPresent();
    }

    @Test
    void keepsTheSelectedSubjectWhileNumbersChangeAndRowsMove(FxRobot robot) {
        engine.publish("alerts.a", "{}", Outcome.LOGGED, 5);
        engine.publish("alerts.b", "{}", Outcome.LOGGED, 1);
        awaitFx(r -> shownSubjects(r).equals(List.of("alerts.a", "alerts.b")), robot);

        robot.clickOn("alerts.b");
        robot.moveTo("#connection-status"); // rows keep their place while the pointer is over the table
        for (int i = 0; i < 5; i++) {
            engine.publish("alerts.b", "{\"n\":" + i + "}", Outcome.LOGGED, 50); // b becomes the busiest
        }
        awaitFx(r -> shownSubjects(r).equals(List.of("alerts.b", "alerts.a")), robot);
        assertThat(fx(() -> subjects(robot).getSelectionModel().getSelectedItem().subject())).isEqualTo("alerts.b");
        assertThat(shownTotal(robot, "alerts.b")).isEqualTo(6);
    }

    @Test
    void filtersByWildcardOrText(FxRobot robot) {
        engine.publish("alerts.prod.db", "{}", Outcome.SHADOWED, 3);
        engine.publish("alerts.prod.api", "{}", Outcome.SHADOWED, 2);
        engine.publish("alerts.staging.db", "{}", Outcome.LOGGED, 1);
        awaitFx(r -> shownSubjects(r).size() == 3, robot);

        fx(() -> {
            stage.requestFocus();
            return null;
        });
        robot.clickOn("alerts.prod.db");
        robot.write("/"); // jumps to the filter box rather than being typed into the table
        robot.write("*.*.db");
        awaitFx(r -> shownSubjects(r).size() == 2, robot);
        assertThat(shownSubjects(robot)).containsExactlyInAnyOrder("alerts.prod.db", "alerts.staging.db");
        System.gc(); // the count label must not depend on bindings only weakly held
        engine.publish("alerts.prod.cache", "{}", Outcome.SHADOWED, 1);
        Label shownCount = robot.lookup("#subjects-shown").queryAs(Label.class);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(fx(shownCount::getText)).isEqualTo("2 of 4 shown"));
        assertThat(fx(() -> robot.lookup("#filter-mode").queryAs(Label.class).getText())).isEqualTo("wildcard");

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE); // clears the filter and leaves it
        robot.write("/");
        robot.write("PROD");
        awaitFx(r -> shownSubjects(r).size() == 3, robot);
        assertThat(shownSubjects(robot)).containsExactlyInAnyOrder("alerts.prod.db", "alerts.prod.api",
                "alerts.prod.cache");
        assertThat(fx(() -> robot.lookup("#filter-mode").queryAs(Label.class).getText())).isEqualTo("text match");

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        awaitFx(r -> shownSubjects(r).size() == 4, robot);
    }

    @Test
    void pauseFreezesTheViewAndResumeCatchesUp(FxRobot robot) {
        engine.publish("alerts.prod.db", "{}", Outcome.SHADOWED, 1);
        awaitFx(r -> shownTotal(r, "alerts.prod.db") == 1, robot);

        robot.clickOn("alerts.prod.db");
        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        assertThat(fx(() -> robot.lookup("#paused-indicator").queryAs(Label.class).isVisible())).isTrue();

        engine.publish("alerts.prod.db", "{}", Outcome.SHADOWED, 1);
        engine.publish("alerts.prod.db", "{}", Outcome.SHADOWED, 1);
        // Let the feed read the engine several more times and the FX thread paint several frames.
        int seen = engine.snapshotsTaken();
        await().atMost(PATIENCE).until(() -> engine.snapshotsTaken() >= seen + 3);
        WaitForAsyncUtils.waitForFxEvents(5);
        assertThat(shownTotal(robot, "alerts.prod.db")).isEqualTo(1);
        assertThat(fx(() -> robot.lookup("#received-count").queryAs(Label.class).getText()))
                .isEqualTo("received 3"); // the status bar stays live

        assertThat(fx(() -> {
            Node resume = robot.lookup("#pause-button").query();
            return resume.localToScene(resume.getBoundsInLocal()).getMaxX() <= resume.getScene().getWidth();
        })).as("while paused, the button that resumes stays inside a 1280-pixel window").isTrue();
        robot.clickOn("#pause-button");
        awaitFx(r -> shownTotal(r, "alerts.prod.db") == 3, robot);
        assertThat(fx(() -> robot.lookup("#paused-indicator").queryAs(Label.class).isVisible())).isFalse();
    }

    @Test
    void selectingAMessageShowsItPrettyPrinted(FxRobot robot) {
        engine.publish("alerts.prod.db", "{\"summary\":\"disk full\",\"severity\":\"critical\"}", Outcome.SHADOWED, 1);
        awaitFx(r -> shownTotal(r, "alerts.prod.db") == 1, robot);
        robot.clickOn("alerts.prod.db");
        awaitFx(r -> r.lookup("#tail-table .table-row-cell .table-cell").lookup(hasText("shadowed")).tryQuery()
                .isPresent(), robot);
        robot.clickOn(robot.lookup("#tail-table .table-cell").lookup(hasText("shadowed")).<Node>query());

        TextArea detail = robot.lookup("#message-detail").queryAs(TextArea.class);
        awaitFx(r -> fx(detail::getText).contains("body (JSON)"), robot);
        String text = fx(detail::getText);
        assertThat(text).contains("{\n  \"summary\": \"disk full\",\n  \"severity\": \"critical\"\n}")
                .contains("decision  shadowed").contains("Nats-Msg-Id: m-0");
        assertThat(fx(detail::isEditable)).isFalse();
        assertThat(fx(() -> robot.lookup("#tail-subject").queryAs(Label.class).getText())).isEqualTo("alerts.prod.db");

        // A held message stays while newer ones arrive; Esc in the tail goes back to following the newest.
        engine.publish("alerts.prod.db", "{\"summary\":\"newer\"}", Outcome.SHADOWED, 1);
        awaitFx(r -> fx(() -> r.lookup("#tail-table").queryAs(TableView.class).getItems().size()) == 2, robot);
        WaitForAsyncUtils.waitForFxEvents();
        String held = fx(detail::getText);
        assertThat(held).contains("disk full");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        awaitFx(r -> fx(detail::getText).contains("\"summary\": \"newer\""), robot);
    }

    @Test
    void theKeyboardStartsOnTheTableSoSpacePausesAtOnce(FxRobot robot) {
        fx(() -> {
            stage.requestFocus();
            return null;
        });
        awaitFx(r -> fx(() -> subjects(r).isFocused()), robot);
        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        assertThat(fx(window.pausedProperty()::get)).isTrue();
        String filterText = fx(() -> robot.lookup("#subject-filter").queryAs(javafx.scene.control.TextField.class)
                .getText());
        assertThat(filterText).isEmpty();
    }

    @Test
    void showsALostConnectionPlainly(FxRobot robot) {
        engine.connection(new ConnectionStatus(ConnectionState.RECONNECTING, "nats://10.0.0.1:4222", Instant.EPOCH,
                "connection refused"));
        Label status = robot.lookup("#connection-status").queryAs(Label.class);
        awaitFx(r -> fx(status::getText).startsWith("Reconnecting"), robot);
        assertThat(fx(status::getText)).isEqualTo("Reconnecting…  nats://10.0.0.1:4222");
        List<String> styles = fx(() -> List.copyOf(status.getStyleClass()));
        assertThat(styles).contains("conn-reconnecting");
        assertThat(fx(() -> status.getTooltip().getText())).contains("connection refused");
    }

    private static Predicate<Node> hasText(String text) {
        return node -> node instanceof javafx.scene.control.Labeled labeled
                && (text.equals(labeled.getText())
                || labeled.getGraphic() instanceof javafx.scene.control.Labeled inner && text.equals(inner.getText()));
    }

    @Test
    void subjectsInFloodStateShowTheirHeldCountInWordsAndRConfirmsThatCount(FxRobot robot) {
        engine.publish("alerts.prod.db", "{\"summary\":\"disk\"}", Outcome.FORWARDED, 40);
        engine.publish("alerts.prod.db", "{\"summary\":\"disk\"}", Outcome.HELD, 40);
        engine.publish("alerts.prod.api", "{\"summary\":\"slow\"}", Outcome.FORWARDED, 1);
        // The flood's own tally (1,000 since it began) is not what is held now: the badge counts what r releases.
        engine.held("alerts.prod.db", 1_234);
        engine.floods(List.of(new dev.klaxon.guard.FloodStatus("alerts.prod.db",
                Instant.parse("2026-01-01T03:00:00Z"), 1_000)));

        awaitFx(r -> floodText(r, "alerts.prod.db").equals("flood · 1,234 held"), robot);
        assertThat(floodText(robot, "alerts.prod.api")).isEmpty();
        assertThat(fx(() -> subjects(robot).getItems().stream().filter(row -> row.subject().equals("alerts.prod.db"))
                .findFirst().orElseThrow().breakdownProperty().get().summary())).contains("held 1");
        fx(() -> {
            stage.requestFocus();
            return null;
        });
        robot.clickOn("alerts.prod.db");
        robot.press(KeyCode.R).release(KeyCode.R);
        awaitFx(r -> r.lookup("#release-dialog").tryQuery().isPresent(), robot);
        assertThat(fx(() -> robot.lookup("#release-dialog").queryAs(javafx.scene.control.DialogPane.class)
                .getContentText())).startsWith("Send the 1,234 triggers ");
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER); // cancel
        awaitFx(r -> r.lookup("#release-dialog").tryQuery().isEmpty(), robot);

        engine.floods(List.of());
        awaitFx(r -> floodText(r, "alerts.prod.db").isEmpty(), robot);
    }

    @Test
    void aSilenceTheEngineRefusesKeepsTheDialogOpenAndSaysWhy(FxRobot robot) {
        engine.publish("alerts.prod.db", "{\"summary\":\"disk\"}", Outcome.FORWARDED, 1);
        awaitFx(r -> shownTotal(r, "alerts.prod.db") == 1, robot);
        fx(() -> {
            stage.requestFocus();
            return null;
        });
        robot.clickOn("alerts.prod.db");
        robot.press(KeyCode.S).release(KeyCode.S);
        awaitFx(r -> r.lookup("#silence-dialog").tryQuery().isPresent(), robot);
        robot.clickOn("#silence-reason").write("drill");
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);

        Label status = robot.lookup("#silence-status").queryAs(Label.class);
        awaitFx(r -> fx(status::getText).startsWith("Not silenced: "), robot);
        String said = fx(status::getText);
        assertThat(said).isEqualTo("Not silenced: this fake backend cannot silence");
        assertThat(robot.lookup("#silence-dialog").tryQuery()).isPresent();
        assertThat(fx(() -> robot.lookup("#silence-submit").query().isDisabled())).isFalse();
    }

    @Test
    void heldTriggersAreReleasedOnlyAfterAConfirmationThatNamesTheCount(FxRobot robot) {
        engine.publish("alerts.prod.db", "{\"summary\":\"disk\"}", Outcome.HELD, 1);
        engine.held("alerts.prod.db", 3);
        awaitFx(r -> shownTotal(r, "alerts.prod.db") == 1, robot);
        fx(() -> {
            stage.requestFocus();
            return null;
        });
        robot.clickOn("alerts.prod.db");

        robot.press(KeyCode.R).release(KeyCode.R);
        awaitFx(r -> r.lookup("#release-dialog").tryQuery().isPresent(), robot);
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER); // Enter is Cancel: nothing is sent by accident
        awaitFx(r -> r.lookup("#release-dialog").tryQuery().isEmpty(), robot);
        assertThat(engine.released()).isEmpty();

        robot.press(KeyCode.R).release(KeyCode.R);
        awaitFx(r -> r.lookup("#release-dialog").tryQuery().isPresent(), robot);
        robot.clickOn("Release 3");

        awaitFx(r -> !engine.released().isEmpty(), robot);
        assertThat(engine.released()).containsExactly("alerts.prod.db");
        awaitFx(r -> r.lookup("#action-banner").tryQuery().isPresent(), robot);
        atlantafx.base.controls.Message banner = robot.lookup("#action-banner")
                .queryAs(atlantafx.base.controls.Message.class);
        assertThat(fx(banner::getDescription)).isEqualTo("3 held triggers of alerts.prod.db are in the outbox.");
    }

    /** What the flood column shows for a subject's row ("" when calm). */
    private String floodText(FxRobot robot, String subject) {
        return fx(() -> robot.lookup("#subjects-table .table-row-cell").<javafx.scene.control.TableRow<?>>queryAll()
                .stream().filter(row -> row.getItem() instanceof SubjectRow r && r.subject().equals(subject))
                .flatMap(row -> row.lookupAll(".table-cell").stream())
                .filter(cell -> cell instanceof javafx.scene.control.TableCell<?, ?> c
                        && "col-flood".equals(c.getTableColumn().getId()))
                .map(cell -> ((javafx.scene.control.TableCell<?, ?>) cell).getGraphic())
                .map(graphic -> graphic instanceof Label label ? label.getText() : "")
                .findFirst().orElse(""));
    }
}
