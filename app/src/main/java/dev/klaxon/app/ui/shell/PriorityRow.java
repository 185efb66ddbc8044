package dev.klaxon.app.ui.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * One line of items that never gets wider than its window: when they do not all fit, the least important are left
 * out (lowest priority first) and a "more" mark at the right lists what they say. A line cut at the window's edge
 * hides whatever happens to be last; this one hides what matters least.
 *
 * <p>An item's {@code managed} flag says whether it is wanted at all (a counter shown only when above zero); its
 * {@code visible} flag belongs to this row. Groups are divided by separators, shown between groups that have an item
 * shown. Items added with {@link #addEnd} sit at the right end. FX thread only.
 */
final class PriorityRow extends Pane {
    private final double spacing;
    private final Map<Node, Integer> priorities = new IdentityHashMap<>();
    private final Set<Node> atEnd = new HashSet<>();
    private final List<Node> separators = new ArrayList<>();
    private final Label more = new Label("more", new FontIcon(Material2MZ.MORE_HORIZ));
    private final Tooltip moreTip = new Tooltip();

    PriorityRow(double spacing) {
        this.spacing = spacing;
        more.setId("status-more");
        more.getStyleClass().add("metric");
        more.setTooltip(moreTip);
        more.setManaged(false);
        more.setVisible(false);
        getChildren().add(more);
        setMinWidth(0);
    }

    /** An item on the left, after those added before it; the lowest priority number is left out last. */
    void add(Node item, int priority) {
        priorities.put(item, priority);
        getChildren().add(getChildren().size() - 1, item);
    }

    /** An item at the right end, after the end items added before it. */
    void addEnd(Node item, int priority) {
        add(item, priority);
        atEnd.add(item);
    }

    /** Changes how soon an item gives way (a counter that turned into a problem is kept longer). */
    void setPriority(Node item, int priority) {
        Integer old = priorities.put(item, priority);
        if (old == null || old != priority) {
            requestLayout();
        }
    }

    /** Starts a new group of left items. */
    void addSeparator() {
        Separator separator = new Separator(Orientation.VERTICAL);
        separators.add(separator);
        getChildren().add(getChildren().size() - 1, separator);
    }

    @Override
    protected void layoutChildren() {
        Insets insets = getInsets();
        double available = getWidth() - insets.getLeft() - insets.getRight() - separatorsWidth();
        List<Node> wanted = wanted();
        boolean cut = fitting(wanted, available).size() < wanted.size();
        Set<Node> shown = cut ? fitting(wanted, available - width(more) - spacing) : fitting(wanted, available);
        double top = insets.getTop();
        double height = getHeight() - top - insets.getBottom();

        double x = insets.getLeft();
        boolean groupShown = false;
        boolean anyBefore = false;
        Node pendingSeparator = null;
        for (Node child : getChildren()) {
            if (separators.contains(child)) {
                child.setVisible(false);
                pendingSeparator = anyBefore ? child : null;
                groupShown = false;
                continue;
            }
            if (child == more || atEnd.contains(child) || !shown.contains(child)) {
                continue;
            }
            if (!groupShown && pendingSeparator != null) {
                place(pendingSeparator, x, top, height);
                x += width(pendingSeparator) + spacing;
            }
            groupShown = true;
            anyBefore = true;
            place(child, x, top, height);
            x += width(child) + spacing;
        }

        double right = getWidth() - insets.getRight();
        if (cut) {
            right -= width(more);
            place(more, right, top, height);
            right -= spacing;
        }
        List<Node> end = wanted.stream().filter(item -> atEnd.contains(item) && shown.contains(item)).toList();
        for (int i = end.size() - 1; i >= 0; i--) {
            right -= width(end.get(i));
            place(end.get(i), right, top, height);
            right -= spacing;
        }
        for (Node item : priorities.keySet()) {
            item.setVisible(shown.contains(item));
        }
        more.setVisible(cut);
        moreTip.setText(cut ? leftOut(wanted, shown) : "");
    }

    private void place(Node item, double x, double top, double height) {
        item.setVisible(true);
        layoutInArea(item, x, top, width(item), height, 0, HPos.LEFT, VPos.CENTER);
    }

    private List<Node> wanted() {
        List<Node> wanted = new ArrayList<>();
        for (Node child : getChildren()) {
            if (priorities.containsKey(child) && child.isManaged()) {
                wanted.add(child);
            }
        }
        return wanted;
    }

    /**
     * The most important items that fit in {@code available}, strictly in order of priority: a small unimportant
     * item never takes the place a larger important one could not have, so what is left out is predictable.
     */
    private Set<Node> fitting(List<Node> wanted, double available) {
        List<Node> byPriority = new ArrayList<>(wanted);
        byPriority.sort(Comparator.comparingInt(priorities::get)); // stable: equal priorities keep their order
        Set<Node> shown = new HashSet<>();
        double used = 0;
        for (Node item : byPriority) {
            double needed = width(item) + (shown.isEmpty() ? 0 : spacing);
            if (used + needed > available) {
                break;
            }
            shown.add(item);
            used += needed;
        }
        return shown;
    }

    private double separatorsWidth() {
        double width = 0;
        for (Node separator : separators) {
            width += width(separator) + spacing;
        }
        return width;
    }

    private static String leftOut(List<Node> wanted, Set<Node> shown) {
        StringJoiner lines = new StringJoiner("\n", "Not shown at this width:\n", "");
        for (Node item : wanted) {
            if (!shown.contains(item) && item instanceof Labeled labeled && labeled.getText() != null
                    && !labeled.getText().isBlank()) {
                lines.add(labeled.getText());
            }
        }
        return lines.toString();
    }

    private static double width(Node item) {
        return Math.ceil(item.prefWidth(-1));
    }

    @Override
    protected double computePrefWidth(double height) {
        double width = separatorsWidth();
        for (Node item : wanted()) {
            width += width(item) + spacing;
        }
        return getInsets().getLeft() + width + getInsets().getRight();
    }

    @Override
    protected double computeMinWidth(double height) {
        return 0;
    }

    @Override
    protected double computePrefHeight(double width) {
        double height = more.prefHeight(-1);
        for (Node item : wanted()) {
            height = Math.max(height, item.prefHeight(-1));
        }
        return getInsets().getTop() + height + getInsets().getBottom();
    }
}
