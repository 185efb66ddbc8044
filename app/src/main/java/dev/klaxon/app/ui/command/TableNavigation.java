package dev.klaxon.app.ui.command;

import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;

/** Moves a table's selection by one row, as j and k do, keeping the new row in sight without jumping the view. */
public final class TableNavigation {
    private TableNavigation() {
    }

    /** True when the node is a table that j and k can move in. */
    public static boolean isTable(Node node) {
        return node instanceof TableView<?>;
    }

    /** @param delta +1 for the next row, -1 for the previous one; from no selection, both go to the first row */
    public static void move(Node node, int delta) {
        if (!(node instanceof TableView<?> table) || table.getItems().isEmpty()) {
            return;
        }
        int current = table.getSelectionModel().getSelectedIndex();
        int next = current < 0 ? 0 : Math.max(0, Math.min(table.getItems().size() - 1, current + delta));
        table.getSelectionModel().clearAndSelect(next);
        table.getFocusModel().focus(next);
        // The flow scrolls only as far as needed; TableView.scrollTo would put the row at the top every time.
        if (table.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            flow.scrollTo(next);
        }
    }
}
