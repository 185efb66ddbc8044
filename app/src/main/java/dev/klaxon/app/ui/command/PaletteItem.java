package dev.klaxon.app.ui.command;

import java.util.Objects;

/**
 * One line of the command palette: a command or a subject.
 *
 * @param detail the command's category, or what picking a subject does
 * @param keys   the command's shortcut as shown, empty for subjects and palette-only commands
 * @param needs  why it cannot run now and what it needs ("Select an incident first."); null when it can
 */
public record PaletteItem(String title, String detail, String keys, Runnable run, String needs) {
    public PaletteItem {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(run, "run");
    }

    public PaletteItem(String title, String detail, String keys, Runnable run) {
        this(title, detail, keys, run, null);
    }

    public boolean available() {
        return needs == null;
    }
}
