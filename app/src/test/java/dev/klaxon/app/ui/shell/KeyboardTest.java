package dev.klaxon.app.ui.shell;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.app.testing.FakeEngine;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.app.ui.command.CommandPalette;
import dev.klaxon.app.ui.command.ConsoleCommand;
import dev.klaxon.app.ui.command.PaletteItem;
import dev.klaxon.app.ui.deadletters.DeadLetterView;
import dev.klaxon.app.ui.live.SubjectRow;
import dev.klaxon.app.ui.silences.SilencesView;
import dev.klaxon.decision.Outcome;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The keyboard-first console: the command palette, the "?" overlay and j/k, all from the one command registry. */
@ExtendWith(ApplicationExtension.class)
class KeyboardTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final FakeEngine engine = new FakeEngine();
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = ShownWindow.show(stage, engine, "Waiting");
    }

    @AfterEach
    void stop() {
        ShownWindow.close(window);
    }

    @SuppressWarnings("unchecked")
    private TableView<SubjectRow> subjects(FxRobot robot) {
        return robot.lookup("#subjects-table").queryAs(TableView.class);
    }

    /** Three subjects in the table, busiest first, and the keyboard on it. */
    private void threeSubjects(FxRobot robot) {
        engine.publish("alerts.prod.db", "{}", Outcome.FORWARDED, 30);
        engine.publish("alerts.prod.api", "{}", Outcome.LOGGED, 20);
        engine.publish("alerts.staging.api", "{}", Outcome.LOGGED, 10);
        await().atMost(PATIENCE).until(() -> fx(() -> subjects(robot).getItems().size()) == 3);
        TableView<SubjectRow> table = subjects(robot);
        fx(() -> {
            stage.requestFocus();
            table.requestFocus();
            return null;
        });
        await().atMost(PATIENCE).until(() -> fx(table::isFocused));
    }

    private String selectedSubject(FxRobot robot) {
        TableView<SubjectRow> table = subjects(robot);
        return fx(() -> table.getSelectionModel().getSelectedItem() == null ? null
                : table.getSelectionModel().getSelectedItem().subject());
    }

    private static void key(FxRobot robot, KeyCode... codes) {
        robot.press(codes).release(codes);
    }

    private boolean shown(FxRobot robot, String query) {
        return fx(() -> robot.lookup(query).tryQuery().isPresent());
    }

    @SuppressWarnings("unchecked")
    private List<String> paletteTitles(FxRobot robot) {
        ListView<PaletteItem> list = robot.lookup("#palette-list").queryAs(ListView.class);
        return fx(() -> list.getItems().stream().map(PaletteItem::title).toList());
    }

    @Test
    void thePaletteFindsACommandByNameAndRunsIt(FxRobot robot) {
        threeSubjects(robot);
        key(robot, KeyCode.CONTROL, KeyCode.K);
        await().atMost(PATIENCE).until(() -> shown(robot, "#command-palette"));
        assertThat(fx(() -> robot.lookup("#palette-field").query().isFocused())).isTrue();

        robot.write("silences");
        await().atMost(PATIENCE).until(() -> !paletteTitles(robot).isEmpty()
                && paletteTitles(robot).get(0).equals("View: Silences"));
        key(robot, KeyCode.ENTER);

        await().atMost(PATIENCE).until(() -> fx(() -> window.showing(SilencesView.class)));
        assertThat(shown(robot, "#command-palette")).isFalse();

        // Escape closes without running anything, and the keyboard goes back where it was.
        key(robot, KeyCode.CONTROL, KeyCode.K);
        await().atMost(PATIENCE).until(() -> shown(robot, "#command-palette"));
        robot.write("live");
        key(robot, KeyCode.ESCAPE);
        await().atMost(PATIENCE).until(() -> !shown(robot, "#command-palette"));
        assertThat(fx(() -> window.showing(SilencesView.class))).isTrue();
        assertThat(fx(() -> robot.lookup("#silences-table").query().isFocused())).isTrue();
    }

    @Test
    void thePaletteMovesWithTheArrowsAndFindsLettersInOrder(FxRobot robot) {
        threeSubjects(robot);
        key(robot, KeyCode.CONTROL, KeyCode.K);
        await().atMost(PATIENCE).until(() -> shown(robot, "#command-palette"));
        robot.write("vw dl"); // fuzzy: the letters of "View: Dead letters" in order
        await().atMost(PATIENCE).until(() -> paletteTitles(robot).contains("View: Dead letters"));
        int at = paletteTitles(robot).indexOf("View: Dead letters");
        for (int i = 0; i < at; i++) {
            key(robot, KeyCode.DOWN);
        }
        key(robot, KeyCode.ENTER);
        await().atMost(PATIENCE).until(() -> fx(() -> window.showing(DeadLetterView.class)));
    }

    @Test
    void thePaletteFindsASubjectSelectsItAndFollowsItsTail(FxRobot robot) {
        threeSubjects(robot);
        await().atMost(PATIENCE).until(() -> "alerts.prod.db".equals(selectedSubject(robot)));
        fx(() -> {
            window.show(DeadLetterView.class); // from another view, too
            return null;
        });
        key(robot, KeyCode.CONTROL, KeyCode.K);
        await().atMost(PATIENCE).until(() -> shown(robot, "#command-palette"));
        robot.write("staging");
        await().atMost(PATIENCE).until(() -> !paletteTitles(robot).isEmpty()
                && paletteTitles(robot).get(0).equals("alerts.staging.api"));
        key(robot, KeyCode.ENTER);

        await().atMost(PATIENCE).until(() -> "alerts.staging.api".equals(selectedSubject(robot)));
        assertThat(fx(() -> window.showing(DeadLetterView.class))).isFalse();
        assertThat(fx(() -> robot.lookup("#tail-subject").queryAs(Label.class).getText()))
                .isEqualTo("alerts.staging.api");
    }

    @Test
    void questionMarkListsEveryShortcutOfTheRegistryByCategory(FxRobot robot) {
        threeSubjects(robot);
        robot.write("?");
        await().atMost(PATIENCE).until(() -> shown(robot, "#shortcuts-overlay"));

        List<String> listed = fx(() -> robot.lookup("#shortcuts-overlay .shortcut-keys").queryAllAs(Label.class)
                .stream().map(Label::getText).toList());
        List<String> registered = fx(() -> window.commands().all().stream().map(ConsoleCommand::keysText)
                .filter(keys -> !keys.isEmpty()).toList());
        List<String> categories = fx(() -> robot.lookup("#shortcuts-overlay .shortcuts-category")
                .queryAllAs(Label.class).stream().map(Label::getText).toList());
        assertThat(listed).containsExactlyInAnyOrderElementsOf(registered)
                .contains("Ctrl+1", "Ctrl+4", "Ctrl+I", "/", "Ctrl+F", "Space", "s", "r", "e", "a", "j", "k",
                        "Ctrl+K", "?", "Escape", "+", "h", "Delete", "Enter")
                .doesNotContain("S", "R", "E", "A", "J", "K", "H"); // a capital would suggest Shift
        assertThat(categories).containsExactly("Views", "Live view", "Subjects table", "Live tail", "Incidents",
                "Dead letters", "Silences", "Any table", "General");
        assertThat(fx(() -> robot.lookup("#shortcuts-overlay .shortcut-title").queryAllAs(Label.class).stream()
                .map(Label::getText).toList())).contains("View: Audit", "Next row", "Silence the selected subject…",
                        "Unpin the message and follow the newest again"); // "held" is only the flood outcome

        robot.write("?");
        await().atMost(PATIENCE).until(() -> !shown(robot, "#shortcuts-overlay"));
        robot.write("?");
        await().atMost(PATIENCE).until(() -> shown(robot, "#shortcuts-overlay"));
        key(robot, KeyCode.ESCAPE);
        await().atMost(PATIENCE).until(() -> !shown(robot, "#shortcuts-overlay"));
        // The keyboard is back on the table: space pauses again.
        key(robot, KeyCode.SPACE);
        assertThat(fx(window.pausedProperty()::get)).isTrue();
    }

    @Test
    void jAndKMoveTheSelectionInTheFocusedTable(FxRobot robot) {
        threeSubjects(robot);
        await().atMost(PATIENCE).until(() -> "alerts.prod.db".equals(selectedSubject(robot)));

        key(robot, KeyCode.J);
        assertThat(selectedSubject(robot)).isEqualTo("alerts.prod.api");
        key(robot, KeyCode.J);
        assertThat(selectedSubject(robot)).isEqualTo("alerts.staging.api");
        key(robot, KeyCode.J); // stays on the last row
        assertThat(selectedSubject(robot)).isEqualTo("alerts.staging.api");
        key(robot, KeyCode.K);
        assertThat(selectedSubject(robot)).isEqualTo("alerts.prod.api");
        // The tail follows the selection, as with the arrow keys.
        await().atMost(PATIENCE).until(() -> fx(() -> robot.lookup("#tail-subject").queryAs(Label.class).getText())
                .equals("alerts.prod.api"));

        // Typing j into the filter box types it (and filters every subject out: none has a j).
        robot.write("/");
        robot.write("j");
        Node filter = robot.lookup("#subject-filter").query();
        assertThat(fx(() -> ((javafx.scene.control.TextField) filter).getText())).isEqualTo("j");
    }

    @Test
    void escInTheFilterClearsItAndGivesTheKeyboardBackSoSpacePausesAgain(FxRobot robot) {
        threeSubjects(robot);
        robot.write("/");
        TextField filter = robot.lookup("#subject-filter").queryAs(TextField.class);
        await().atMost(PATIENCE).until(() -> fx(() -> filter.isFocused()));
        robot.write("db");
        await().atMost(PATIENCE).until(() -> fx(() -> subjects(robot).getItems().size()) == 1);

        key(robot, KeyCode.ESCAPE);
        assertThat(fx(() -> filter.getText())).isEmpty();
        await().atMost(PATIENCE).until(() -> fx(() -> subjects(robot).isFocused()));
        key(robot, KeyCode.SPACE);
        assertThat(fx(() -> window.pausedProperty().get())).isTrue();
        assertThat(fx(() -> filter.getText())).isEmpty();

        // Enter keeps the filter and hands the keyboard back too.
        robot.write("/");
        await().atMost(PATIENCE).until(() -> fx(() -> filter.isFocused()));
        robot.write("staging");
        key(robot, KeyCode.ENTER);
        await().atMost(PATIENCE).until(() -> fx(() -> subjects(robot).isFocused()));
        assertThat(fx(() -> filter.getText())).isEqualTo("staging");
    }

    @Test
    void thePaletteFindsEveryCommandFromEveryViewAndSaysWhatOneThatCannotRunNeeds(FxRobot robot) {
        threeSubjects(robot);
        List<String> everyCommand = fx(() -> window.commands().all().stream()
                .filter(c -> !c.id().equals(CommandPalette.COMMAND_ID) && !c.id().startsWith("table."))
                .map(ConsoleCommand::title).toList());
        for (int view = 1; view <= 8; view++) {
            key(robot, KeyCode.CONTROL, KeyCode.valueOf("DIGIT" + view));
            key(robot, KeyCode.CONTROL, KeyCode.K);
            await().atMost(PATIENCE).until(() -> shown(robot, "#command-palette"));
            assertThat(paletteTitles(robot)).as("the palette over view %d", view).containsAll(everyCommand);
            key(robot, KeyCode.ESCAPE);
            await().atMost(PATIENCE).until(() -> !shown(robot, "#command-palette"));
        }

        // Nothing is selected in the incidents: snooze is found, says what it needs, and does not run.
        key(robot, KeyCode.CONTROL, KeyCode.K);
        await().atMost(PATIENCE).until(() -> shown(robot, "#command-palette"));
        robot.write("snooze");
        await().atMost(PATIENCE).until(() -> paletteTitles(robot).size() == 1);
        key(robot, KeyCode.ENTER);
        Label hint = robot.lookup("#palette-hint").queryAs(Label.class);
        assertThat(fx(() -> hint.getText())).isEqualTo("Select an incident first (Ctrl+I puts the keyboard on them).");
        assertThat(shown(robot, "#command-palette")).isTrue();
    }
}
