package dev.klaxon.app.ui.live;

import atlantafx.base.theme.Styles;
import dev.klaxon.app.ui.common.Cells;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.stats.LiveStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The subjects as a tree of their tokens ({@code alerts.prod.db} → alerts › prod › db), each node with its subtree's
 * counts and rates summed, fed from the same snapshots as the {@link SubjectTable}. Nodes are kept per path and
 * updated in place, so expansion and selection survive updates; siblings are ordered busiest first, re-ordered at
 * most once a second so nodes do not jump under the mouse. Selecting a node that is a subject follows its tail.
 * Does no work while hidden. FX thread only.
 */
public final class SubjectTree {
    /** New nodes this shallow start expanded, so the first look shows subjects rather than a single "alerts". */
    private static final int EXPANDED_DEPTH = 2;
    private static final PseudoClass OTHER = PseudoClass.getPseudoClass("other");

    private final TreeItem<SubjectTreeRow> root = new TreeItem<>();
    private final TreeTableView<SubjectTreeRow> tree = new TreeTableView<>(root);
    private final Map<String, TreeItem<SubjectTreeRow>> byPath = new HashMap<>();
    private Consumer<String> onFollow = subject -> { };
    /** The node the operator picked; kept through updates, re-selected when it comes back. */
    private String chosenPath;
    private final TreeTableColumn<SubjectTreeRow, SubjectTreeRow.Flooding> flood;
    private SubjectFilter filter = SubjectFilter.ALL;
    private EngineSnapshot snapshot;
    private List<FloodStatus> floods = List.of();
    private boolean active;
    private boolean updating;
    private final LiveOrder liveOrder = new LiveOrder();
    /** Some branch was out of the busiest-first order at the last update that did not re-order. */
    private boolean outOfOrder;

    public SubjectTree() {
        tree.setId("subjects-tree");
        tree.getStyleClass().addAll("subjects-table", "subjects-tree", Styles.DENSE);
        tree.setShowRoot(false);
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tree.setAccessibleText("Subjects by token, with counts and rates summed per branch");

        TreeTableColumn<SubjectTreeRow, SubjectTreeRow> name = column("Subject", 300,
                row -> new ReadOnlyObjectWrapper<>(row));
        name.setId("tree-col-subject");
        name.setCellFactory(c -> new NameCell());
        flood = column("Flood", 175, SubjectTreeRow::floodingProperty);
        flood.setCellFactory(c -> new FloodCell());
        flood.setVisible(false); // only while some subject floods, as in the table
        TreeTableColumn<SubjectTreeRow, Number> subjects = column("Subjects", 90, SubjectTreeRow::subjectsProperty);
        subjects.setCellFactory(Cells.forTree(Cells.text(n -> Formats.count(n.longValue()))));
        TreeTableColumn<SubjectTreeRow, Number> total = column("Total", 96, SubjectTreeRow::totalProperty);
        total.setCellFactory(Cells.forTree(Cells.text(n -> Formats.count(n.longValue()))));
        TreeTableColumn<SubjectTreeRow, Number> rate1s = column("Rate 1 s", 100, SubjectTreeRow::rate1sProperty);
        rate1s.setCellFactory(Cells.forTree(Cells.text(n -> Formats.rate(n.doubleValue()) + "/s")));
        TreeTableColumn<SubjectTreeRow, Number> rate1m = column("Rate 1 min", 116, SubjectTreeRow::rate1mProperty);
        rate1m.setCellFactory(Cells.forTree(Cells.text(n -> Formats.rate(n.doubleValue()) + "/s")));
        TreeTableColumn<SubjectTreeRow, LastSeen> seen = column("Last seen", 104, SubjectTreeRow::lastSeenProperty);
        TreeTableColumn<SubjectTreeRow, Breakdown> decisions = column("Decisions", 330,
                SubjectTreeRow::breakdownProperty);
        decisions.setCellFactory(Cells.forTree(BreakdownLook::new));
        for (TreeTableColumn<SubjectTreeRow, ?> numeric : List.of(subjects, total, rate1s, rate1m, seen)) {
            numeric.getStyleClass().add("numeric");
        }
        tree.getColumns().setAll(List.of(name, flood, subjects, total, rate1s, rate1m, seen, decisions));
        tree.setRowFactory(t -> new TreeTableRow<>() {
            @Override
            protected void updateItem(SubjectTreeRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(OTHER, !empty && row != null && row.isBucket());
            }
        });
        Label placeholder = new Label("No subjects yet, or none matches the filter.");
        placeholder.getStyleClass().add("placeholder-text");
        tree.setPlaceholder(placeholder);

        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            // Selection moved by an update (a node vanished under a filter) is not the operator's choice.
            if (updating) {
                return;
            }
            chosenPath = item == null ? null : item.getValue().path();
            if (item != null) {
                liveOrder.picked();
            }
            if (item != null && item.getValue().subject() != null) {
                onFollow.accept(item.getValue().subject());
            }
        });
    }

    private static <T> TreeTableColumn<SubjectTreeRow, T> column(String title, double width,
                                                              Function<SubjectTreeRow, ObservableValue<T>> value) {
        TreeTableColumn<SubjectTreeRow, T> column = new TreeTableColumn<>(title);
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 70));
        // Fixed order (busiest first per level): a sort by clicks would re-order under live numbers.
        column.setSortable(false);
        column.setCellValueFactory(features -> value.apply(features.getValue().getValue()));
        return column;
    }

    public TreeTableView<SubjectTreeRow> node() {
        return tree;
    }

    /** Told the subject each time the operator picks a node that is one (prefix nodes are not). */
    public void setOnFollow(Consumer<String> follow) {
        onFollow = Objects.requireNonNull(follow, "follow");
    }

    /** Shown or hidden: while hidden, snapshots are only kept, not built into nodes. */
    public void setActive(boolean shown) {
        active = shown;
        if (!shown) {
            liveOrder.reordered(); // a hidden tree holds nothing back
        }
        rebuild(true, 0);
    }

    public void setFilter(SubjectFilter next) {
        filter = next;
        rebuild(true, 0);
    }

    /** True while a re-order by the live numbers waits for the operator to leave the tree (see {@link LiveOrder}). */
    public ReadOnlyBooleanProperty orderPaused() {
        return liveOrder.paused();
    }

    /** One frame's snapshot and floods. */
    public void apply(EngineSnapshot next, List<FloodStatus> flooding, long frameNanos) {
        snapshot = next;
        floods = flooding;
        rebuild(false, frameNanos);
    }

    /** Selects a subject's node (expanding its branch) when it is in the tree, e.g. the one the tail follows. */
    public void reveal(String subject) {
        TreeItem<SubjectTreeRow> item = subject == null ? null : byPath.get(subject);
        if (item == null) {
            tree.getSelectionModel().clearSelection(); // no stale pick that a click could not change
            return;
        }
        if (item == tree.getSelectionModel().getSelectedItem()) {
            return;
        }
        for (TreeItem<SubjectTreeRow> up = item.getParent(); up != null; up = up.getParent()) {
            up.setExpanded(true);
        }
        tree.getSelectionModel().select(item);
        int index = tree.getRow(item);
        if (index >= 0) {
            tree.scrollTo(Math.max(0, index - 3));
        }
    }

    private void rebuild(boolean reorderNow, long frameNanos) {
        if (!active || snapshot == null) {
            return;
        }
        boolean reorder = reorderNow || liveOrder.mayReorder(frameNanos, tree.isHover(), () -> outOfOrder);
        if (reorderNow) {
            liveOrder.reordered();
        }
        outOfOrder = false;
        List<SubjectBranch> top = SubjectBranches.build(snapshot.subjects(), floods, filter);
        Set<String> alive = new HashSet<>(byPath.size() * 2 + 16);
        updating = true;
        try {
            reconcile(root, top, alive, reorder, 0, snapshot.at());
            byPath.keySet().retainAll(alive);
            keepChoice();
            // A re-order moves the selection with its node but leaves the focus (where arrows go on) at the index.
            int selected = tree.getSelectionModel().getSelectedIndex();
            if (selected >= 0 && tree.getFocusModel().getFocusedIndex() != selected) {
                tree.getFocusModel().focus(selected);
            }
        } finally {
            updating = false;
        }
        flood.setVisible(!floods.isEmpty());
    }

    /** After an update the operator's pick stays selected, or nothing is when it is gone (as in the table). */
    private void keepChoice() {
        TreeItem<SubjectTreeRow> selected = tree.getSelectionModel().getSelectedItem();
        if (Objects.equals(selected == null ? null : selected.getValue().path(), chosenPath)) {
            return;
        }
        TreeItem<SubjectTreeRow> chosen = chosenPath == null ? null : byPath.get(chosenPath);
        if (chosen != null) {
            tree.getSelectionModel().select(chosen);
        } else {
            tree.getSelectionModel().clearSelection();
        }
    }

    /** Makes {@code parent}'s children match {@code branches}: updated in place, added, removed, re-ordered. */
    private void reconcile(TreeItem<SubjectTreeRow> parent, List<SubjectBranch> branches, Set<String> alive,
                           boolean reorder, int depth, Instant now) {
        Map<String, Integer> order = new HashMap<>(branches.size() * 2);
        List<TreeItem<SubjectTreeRow>> added = new ArrayList<>();
        for (SubjectBranch branch : branches) {
            order.put(branch.path(), order.size());
            alive.add(branch.path());
            TreeItem<SubjectTreeRow> item = byPath.get(branch.path());
            if (item == null) {
                item = new TreeItem<>(new SubjectTreeRow(branch));
                item.setExpanded(depth < EXPANDED_DEPTH);
                byPath.put(branch.path(), item);
                added.add(item);
            }
            item.getValue().update(branch, now);
            reconcile(item, branch.children(), alive, reorder, depth + 1, now);
        }
        ObservableList<TreeItem<SubjectTreeRow>> children = parent.getChildren();
        if (children.size() + added.size() > branches.size()) {
            children.removeIf(item -> !order.containsKey(item.getValue().path()));
        }
        if (!added.isEmpty()) {
            children.addAll(added);
        }
        boolean sorted = inOrder(children, order);
        if (!sorted && !reorder && added.isEmpty()) {
            outOfOrder = true; // left as it is for now: the operator is working in the tree
        } else if (!sorted) {
            // A permutation, not a remove and re-add: the selection model follows the moved nodes.
            FXCollections.sort(children, (a, b) -> Integer.compare(order.get(a.getValue().path()),
                    order.get(b.getValue().path())));
        }
    }

    private static boolean inOrder(List<TreeItem<SubjectTreeRow>> children, Map<String, Integer> order) {
        for (int i = 0; i < children.size(); i++) {
            if (order.get(children.get(i).getValue().path()) != i) {
                return false;
            }
        }
        return true;
    }

    /** The last token, with the full path in the tooltip; prefixes get a folder, the engine's buckets their icon. */
    private static final class NameCell extends TreeTableCell<SubjectTreeRow, SubjectTreeRow> {
        private final Tooltip tooltip = new Tooltip();

        NameCell() {
            setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        }

        @Override
        protected void updateItem(SubjectTreeRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            if (LiveStats.OTHER_SUBJECTS.equals(row.path())) {
                setText("other subjects (over the cap)");
                setGraphic(new FontIcon(Material2AL.LAYERS));
                tooltip.setText("Subjects beyond the engine's limit on distinct subjects, counted together: their "
                        + "tokens are unknown, so they are not in the branches above.");
            } else if (LiveStats.INVALID_SUBJECTS.equals(row.path())) {
                setText("invalid subjects");
                setGraphic(new FontIcon(Material2AL.ERROR_OUTLINE));
                tooltip.setText("Subjects too odd to track by name, counted together.");
            } else {
                setText(row.label().isEmpty() ? "(empty token)" : row.label());
                setGraphic(row.subject() == null ? new FontIcon(Material2AL.FOLDER_OPEN) : null);
                tooltip.setText(row.subject() != null ? row.path()
                        : row.path() + ".* — sums of the subjects under it; not a subject itself");
            }
            setTooltip(tooltip);
        }
    }

    /** "flood · 2 subjects · 1,234 held", with an icon: words, not colour alone. */
    private static final class FloodCell extends TreeTableCell<SubjectTreeRow, SubjectTreeRow.Flooding> {
        private final Label badge = new Label(null, new FontIcon(Material2MZ.PAUSE_CIRCLE_OUTLINE));

        FloodCell() {
            badge.getStyleClass().add("flood-badge");
            badge.setMinWidth(Label.USE_PREF_SIZE);
        }

        @Override
        protected void updateItem(SubjectTreeRow.Flooding flooding, boolean empty) {
            super.updateItem(flooding, empty);
            if (empty || flooding == null || flooding.subjects() == 0) {
                setGraphic(null);
                return;
            }
            badge.setText("flood · " + (flooding.subjects() > 1 ? flooding.subjects() + " subjects · " : "")
                    + Formats.count(flooding.held()) + " held");
            setAccessibleText(badge.getText());
            setGraphic(badge);
        }
    }
}
