package dev.klaxon.app.ui.live;

import atlantafx.base.theme.Styles;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The subjects section's two looks, the flat {@link SubjectTable} and the token {@link SubjectTree}, and the
 * Table/Tree switch for its header. The tree only works while it is shown. FX thread only.
 */
public final class SubjectViews {
    private final SubjectTable table;
    private final SubjectTree tree;
    private final Supplier<String> followed;
    private final ToggleButton tableButton = new ToggleButton("Table", new FontIcon(Material2MZ.TABLE_ROWS));
    private final ToggleButton treeButton = new ToggleButton("Tree", new FontIcon(Material2AL.ACCOUNT_TREE));
    private final StackPane body;
    private final HBox toggle;

    /** @param followed the subject whose tail is shown, for the tree to select when it opens */
    public SubjectViews(SubjectTable table, SubjectTree tree, Supplier<String> followed) {
        this.table = table;
        this.tree = tree;
        this.followed = followed;
        tableButton.setId("subjects-table-mode");
        tableButton.setTooltip(new Tooltip("Subjects as a flat table, sortable by any column"));
        tableButton.getStyleClass().addAll(Styles.LEFT_PILL, Styles.SMALL);
        treeButton.setId("subjects-tree-mode");
        treeButton.setTooltip(new Tooltip("Subjects as a tree of their tokens (alerts › prod › db), with counts and "
                + "rates summed per branch, busiest first"));
        treeButton.getStyleClass().addAll(Styles.RIGHT_PILL, Styles.SMALL);
        ToggleGroup modes = new ToggleGroup();
        for (ToggleButton button : new ToggleButton[] {tableButton, treeButton}) {
            button.setToggleGroup(modes);
            button.setFocusTraversable(false);
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        tableButton.setSelected(true);
        modes.selectedToggleProperty().addListener((obs, old, mode) -> {
            if (mode == null) {
                old.setSelected(true); // one side is always on
            } else {
                show(mode == treeButton);
            }
        });
        toggle = new HBox(tableButton, treeButton);
        toggle.setMinWidth(Region.USE_PREF_SIZE);
        body = new StackPane(table.node(), tree.node());
        show(false);
    }

    public Node toggle() {
        return toggle;
    }

    public Node body() {
        return body;
    }

    boolean showingTree() {
        return treeButton.isSelected();
    }

    /** The view now shown, e.g. to give it the keyboard. */
    public Node shown() {
        return showingTree() ? tree.node() : table.node();
    }

    private void show(boolean asTree) {
        table.node().setVisible(!asTree);
        tree.node().setVisible(asTree);
        tree.setActive(asTree);
        if (asTree) {
            tree.reveal(followed.get());
        }
        if (body.getScene() != null) {
            shown().requestFocus();
        }
    }
}
