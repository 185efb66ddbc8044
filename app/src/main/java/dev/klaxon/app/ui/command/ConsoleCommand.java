package dev.klaxon.app.ui.command;

import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.scene.Node;

/**
 * Something the operator can do from the keyboard or the command palette. The one list of these
 * ({@link ConsoleCommands}) feeds the key handling, the palette and the shortcuts overlay, so they cannot disagree.
 *
 * @param id       stable name, e.g. "view.audit"
 * @param category what the help groups it under; also says where its keys work ("Subjects table")
 * @param keys     the keys that fire it; empty for palette-only commands
 * @param where    whether its keys work with this node focused (the scene's focus owner, maybe null); the palette
 *                 runs a command wherever the focus is
 * @param enabled  whether it can run now; when false its keys fall through to the focused control
 * @param needs    what it needs to run, said when it cannot ("Select an incident first."); null when it always can
 */
public record ConsoleCommand(String id, String category, String title, List<KeyTrigger> keys, Predicate<Node> where,
                             Runnable action, BooleanSupplier enabled, String needs) {
    /** For commands whose keys work wherever the focus is (plain keys still not while typing into a text field). */
    public static final Predicate<Node> ANYWHERE = node -> true;

    public ConsoleCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(title, "title");
        keys = List.copyOf(keys);
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(enabled, "enabled");
    }

    /** Keys work only while this node has the keyboard. */
    public static Predicate<Node> focused(Node node) {
        return focusOwner -> focusOwner == node;
    }

    /** The shown keys, e.g. "/ or Ctrl+F"; empty when the command has none. */
    public String keysText() {
        return keys.stream().filter(KeyTrigger::shown).map(KeyTrigger::label).collect(Collectors.joining(" or "));
    }
}
