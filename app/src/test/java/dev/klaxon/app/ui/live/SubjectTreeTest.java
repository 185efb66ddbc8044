package dev.klaxon.app.ui.live;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.app.testing.FakeEngine;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.app.ui.shell.MainWindow;
import dev.klaxon.decision.Outcome;
import java.time.Duration;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The subjects' tree mode against a fake engine: roll-ups on screen, a leaf followed, state kept across updates. */
@ExtendWith(ApplicationExtension.class)
class SubjectTreeTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final FakeEngine engine = new FakeEngine();
    private MainWindow window;

    @Start
    void start(Stage stage) {
        for (int i = 0; i < 5; i++) {
            engine.publish("alerts.prod.db", "{\"n\":" + i + "}", Outcome.FORWARDED, 4.0);
        }
        engine.publish("alerts.prod.api", "{\"api\":1}", Outcome.FORWARDED, 1.0);
        engine.publish("alerts.prod.api", "{\"api\":2}", Outcome.LOGGED, 1.0);
        engine.publish("alerts.staging.web", "{\"web\":1}", Outcome.SHADOWED, 0.5);
        window = ShownWindow.show(stage, engine, "Waiting");
    }

    @AfterEach
    void stop() {
        ShownWindow.close(window);
    }

    @SuppressWarnings("unchecked")
    private static TreeTableView<SubjectTreeRow> tree(FxRobot robot) {
        return robot.lookup("#subjects-tree").queryAs(TreeTableView.class);
    }

    /** The node at a path, found through the tree's own items (null while not there). */
    private static TreeItem<SubjectTreeRow> item(TreeTableView<SubjectTreeRow> tree, String path) {
        return fx(() -> find(tree.getRoot(), path));
    }

    private static TreeItem<SubjectTreeRow> find(TreeItem<SubjectTreeRow> from, String path) {
        for (TreeItem<SubjectTreeRow> child : from.getChildren()) {
            if (child.getValue().path().equals(path)) {
                return child;
            }
            TreeItem<SubjectTreeRow> deeper = find(child, path);
            if (deeper != null) {
                return deeper;
            }
        }
        return null;
    }

    private static long total(TreeTableView<SubjectTreeRow> tree, String path) {
        TreeItem<SubjectTreeRow> item = item(tree, path);
        return item == null ? -1 : fx(() -> item.getValue().totalProperty().get());
    }

    private static String tailSubject(FxRobot robot) {
        return fx(() -> robot.lookup("#tail-subject").queryAs(Label.class).getText());
    }

    @Test
    void treeModeSumsBranchesFollowsALeafAndKeepsItsStateAcrossUpdates(FxRobot robot) {
        TableView<?> table = robot.lookup("#subjects-table").queryAs(TableView.class);
        await().atMost(PATIENCE).until(() -> fx(() -> table.getItems().size()) == 3);
        // The table follows the busiest subject first.
        await().atMost(PATIENCE).until(() -> "alerts.prod.db".equals(tailSubject(robot)));

        robot.clickOn("#subjects-tree-mode");
        TreeTableView<SubjectTreeRow> tree = tree(robot);
        assertThat(fx(tree::isVisible)).isTrue();
        assertThat(fx(table::isVisible)).isFalse();
        await().atMost(PATIENCE).until(() -> total(tree, "alerts") == 8);
        assertThat(total(tree, "alerts.prod")).isEqualTo(7);
        assertThat(fx(() -> item(tree, "alerts.prod").getValue().rate1mProperty().get())).isEqualTo(5.0);
        assertThat(fx(() -> item(tree, "alerts").getValue().subjectsProperty().get())).isEqualTo(3);
        // Opening the tree selects what the tail already follows.
        assertThat(fx(() -> tree.getSelectionModel().getSelectedItem().getValue().path()))
                .isEqualTo("alerts.prod.db");

        // The operator closes the staging branch and picks the api leaf: the tail follows it.
        fx(() -> {
            item(tree, "alerts.staging").setExpanded(false);
            return null;
        });
        robot.clickOn(leafCell(robot, "api"));
        await().atMost(PATIENCE).until(() -> "alerts.prod.api".equals(tailSubject(robot)));

        // Updates (new numbers, a new subject that re-orders the branches) keep selection and expansion.
        for (int i = 0; i < 30; i++) {
            engine.publish("alerts.staging.web", "{}", Outcome.SHADOWED, 20.0);
        }
        engine.publish("alerts.dev.box", "{}", Outcome.LOGGED, 0.1);
        await().atMost(PATIENCE).until(() -> total(tree, "alerts") == 39);
        assertThat(item(tree, "alerts.dev")).isNotNull();
        // Staging is now the busiest branch under alerts: it moved to the top, on the next re-order.
        await().atMost(PATIENCE).until(() -> fx(() -> item(tree, "alerts").getChildren().get(0).getValue().path())
                .equals("alerts.staging"));
        assertThat(fx(() -> item(tree, "alerts.staging").isExpanded())).isFalse();
        assertThat(fx(() -> item(tree, "alerts.prod").isExpanded())).isTrue();
        assertThat(fx(() -> tree.getSelectionModel().getSelectedItem().getValue().path()))
                .isEqualTo("alerts.prod.api");
        assertThat(tailSubject(robot)).isEqualTo("alerts.prod.api");

        // A filter that hides the pick keeps the tail; clearing it brings the pick back, selected.
        fx(() -> {
            robot.lookup("#subject-filter").queryAs(TextField.class).setText("staging");
            return null;
        });
        await().atMost(PATIENCE).until(() -> item(tree, "alerts.prod") == null);
        assertThat(fx(() -> tree.getSelectionModel().getSelectedItem())).isNull();
        assertThat(tailSubject(robot)).isEqualTo("alerts.prod.api");
        assertThat(total(tree, "alerts")).isEqualTo(31); // the sums cover what the filter shows
        fx(() -> {
            robot.lookup("#subject-filter").queryAs(TextField.class).setText("");
            return null;
        });
        await().atMost(PATIENCE).until(() -> item(tree, "alerts.prod.api") != null);
        assertThat(fx(() -> tree.getSelectionModel().getSelectedItem().getValue().path()))
                .isEqualTo("alerts.prod.api");

        robot.clickOn("#subjects-table-mode");
        assertThat(fx(table::isVisible)).isTrue();
        assertThat(fx(tree::isVisible)).isFalse();
    }

    private static Node leafCell(FxRobot robot, String label) {
        Optional<Node> cell = robot.lookup("#subjects-tree .tree-table-cell")
                .match(node -> node instanceof TreeTableCell<?, ?> c && label.equals(c.getText()) && c.isVisible())
                .tryQuery();
        assertThat(cell).as("a visible cell reading " + label).isPresent();
        return cell.get();
    }
}
