package dev.klaxon.app.ui.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyEvent;

/**
 * The console's commands, in registration order, and the one key handler that fires them. Key handling is an event
 * filter on the scene: the first registered command whose key matches, whose place fits the focus and which is
 * enabled runs, and the key goes no further. FX thread only.
 */
public final class ConsoleCommands {
    private final List<ConsoleCommand> commands = new ArrayList<>();

    /** Registers a command; ids are unique so that a view registered twice is a loud mistake, not a silent one. */
    public ConsoleCommands add(ConsoleCommand command) {
        if (find(command.id()) != null) {
            throw new IllegalArgumentException("command registered twice: " + command.id());
        }
        commands.add(command);
        return this;
    }

    /** Shorthand for a command whose keys work with the given focus. */
    public ConsoleCommands add(String id, String category, String title, Predicate<Node> where, Runnable action,
                               BooleanSupplier enabled, KeyTrigger... keys) {
        return add(new ConsoleCommand(id, category, title, List.of(keys), where, action, enabled, null));
    }

    /** A command that can run only sometimes: {@code needs} says what it needs, for the palette to explain. */
    public ConsoleCommands add(String id, String category, String title, String needs, Predicate<Node> where,
                               Runnable action, BooleanSupplier enabled, KeyTrigger... keys) {
        return add(new ConsoleCommand(id, category, title, List.of(keys), where, action, enabled, needs));
    }

    public List<ConsoleCommand> all() {
        return List.copyOf(commands);
    }

    public ConsoleCommand find(String id) {
        for (ConsoleCommand command : commands) {
            if (command.id().equals(id)) {
                return command;
            }
        }
        return null;
    }

    /** The commands with shown keys, by category in the order categories first appear. */
    public Map<String, List<ConsoleCommand>> withKeysByCategory() {
        Map<String, List<ConsoleCommand>> grouped = new LinkedHashMap<>();
        for (ConsoleCommand command : commands) {
            if (!command.keysText().isEmpty()) {
                grouped.computeIfAbsent(command.category(), c -> new ArrayList<>()).add(command);
            }
        }
        return grouped;
    }

    /**
     * Installs the key handling on the scene.
     *
     * @param suspended while true no command fires (an overlay that handles its own keys is open)
     */
    public void install(Scene scene, BooleanSupplier suspended) {
        EventHandler<KeyEvent> filter = event -> {
            if (!suspended.getAsBoolean()) {
                dispatch(scene, event);
            }
        };
        scene.addEventFilter(KeyEvent.KEY_PRESSED, filter);
        scene.addEventFilter(KeyEvent.KEY_TYPED, filter);
    }

    private void dispatch(Scene scene, KeyEvent event) {
        Node focus = scene.getFocusOwner();
        boolean typing = focus instanceof TextInputControl input && input.isEditable();
        for (ConsoleCommand command : commands) {
            for (KeyTrigger key : command.keys()) {
                if (key.matches(event) && !(typing && key.plain()) && command.where().test(focus)
                        && command.enabled().getAsBoolean()) {
                    command.action().run();
                    event.consume();
                    return;
                }
            }
        }
    }
}
