package dev.klaxon.app.ui.common;

import dev.klaxon.app.ui.command.ConsoleCommands;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;

/**
 * One tab of the console. The window knows views only through this: it makes a switch button of each (Ctrl+1 for
 * the first, Ctrl+2 for the next, ...), shows one at a time, hands every view each frame's data, and lets each view
 * register its own commands. Adding a view is a new package with a class implementing this, and one line in the
 * window's list. FX thread only.
 */
public interface ConsoleView {
    /** Its name, icon and description, for the switch, the keys and the palette. */
    ViewInfo info();

    Node node();

    /** Tools the window's toolbar shows while this view is shown: left after the switch, right before the alerts. */
    default Toolbar toolbar() {
        return Toolbar.NONE;
    }

    /**
     * Shown or hidden: a shown view starts what only it needs (polling a database, redrawing); a hidden one stops it,
     * so a view nobody looks at costs the engine nothing.
     */
    default void setShown(boolean shown) {
    }

    /** Gives the keyboard to the view's main control, when the view is shown. */
    void focus();

    /** What "/" and Ctrl+F focus while this view is shown; null when the view has nothing to filter. */
    default TextInputControl filterField() {
        return null;
    }

    /**
     * Registers the view's own commands (keys, palette entries, the "?" overlay's lines).
     *
     * @param shown true while this view is the one shown
     */
    default void registerCommands(ConsoleCommands commands, BooleanSupplier shown) {
    }

    /** Each frame's data, whether the view is shown or not (a hidden view may keep history). */
    default void onFrame(Frame frame) {
    }

    /** Split panes whose dividers survive a restart, by a stable name. */
    default Map<String, SplitPane> rememberedSplits() {
        return Map.of();
    }

    /** Tables whose column widths survive a restart (each needs an id). */
    default List<TableView<?>> rememberedTables() {
        return List.of();
    }

    /** Stops timers; the window is closing. */
    default void close() {
    }

    /** @param left after the view switch; @param right before the alert and theme buttons */
    record Toolbar(List<Node> left, List<Node> right) {
        public static final Toolbar NONE = new Toolbar(List.of(), List.of());

        public Toolbar {
            left = List.copyOf(left);
            right = List.copyOf(right);
        }
    }
}
