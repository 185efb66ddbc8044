package dev.klaxon.app.ui.command;

import java.util.Objects;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * One way to fire a command from the keyboard: a key combination (matched on key press) or a typed character
 * (matched on key typed, for keys like "/" and "?" whose key code depends on the keyboard layout).
 *
 * @param label what the help overlay and the palette show, e.g. "Ctrl+1"; null for an alias that is not shown
 *              (the numeric keypad's Ctrl+1 next to the main row's)
 */
public record KeyTrigger(KeyCombination combination, String typed, String label) {
    public KeyTrigger {
        if ((combination == null) == (typed == null)) {
            throw new IllegalArgumentException("a trigger is a key combination or a typed character, not both");
        }
    }

    /** Listed by its display text; a lone letter in lower case, since a capital suggests Shift. */
    public static KeyTrigger of(KeyCombination combination) {
        String text = combination.getDisplayText();
        boolean loneLetter = text.length() == 1 && Character.isLetter(text.charAt(0));
        return new KeyTrigger(combination, null, loneLetter ? text.toLowerCase(java.util.Locale.ROOT) : text);
    }

    /** Also fires the command but is not listed, so the help stays short. */
    public static KeyTrigger alias(KeyCombination combination) {
        return new KeyTrigger(combination, null, null);
    }

    public static KeyTrigger typed(String character) {
        return new KeyTrigger(null, Objects.requireNonNull(character), character);
    }

    /** True for a key without Ctrl, Alt or Meta: it must not fire while the operator types into a text field. */
    public boolean plain() {
        if (combination == null) {
            return true;
        }
        return combination.getControl() != KeyCombination.ModifierValue.DOWN
                && combination.getAlt() != KeyCombination.ModifierValue.DOWN
                && combination.getMeta() != KeyCombination.ModifierValue.DOWN
                && combination.getShortcut() != KeyCombination.ModifierValue.DOWN;
    }

    public boolean shown() {
        return label != null;
    }

    /** Key combinations match key presses, characters match key-typed events without Ctrl, Alt or Meta. */
    public boolean matches(KeyEvent event) {
        if (event.getEventType() == KeyEvent.KEY_PRESSED) {
            return combination != null && combination.match(event);
        }
        return event.getEventType() == KeyEvent.KEY_TYPED && typed != null && typed.equals(event.getCharacter())
                && !event.isControlDown() && !event.isAltDown() && !event.isMetaDown();
    }

    /** Shorthand for the combination of a key with the platform's shortcut modifier (Ctrl, or Cmd on a Mac). */
    public static KeyCombination shortcut(javafx.scene.input.KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }

    /** Shorthand for a key alone, without any modifier. */
    public static KeyCombination key(javafx.scene.input.KeyCode code) {
        return new KeyCodeCombination(code);
    }
}
