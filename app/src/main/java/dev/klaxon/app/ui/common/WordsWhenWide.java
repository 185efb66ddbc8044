package dev.klaxon.app.ui.common;

import java.util.List;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Labeled;
import javafx.scene.layout.Region;

/**
 * Buttons and labels that show their words only while their container is at least a given width, and only their icon
 * below it. At 1024 pixels a row of worded buttons is wider than its pane and the last ones would be cut off the
 * window; an icon with its tooltip and accessible text (which name the key) stays usable. The width is the
 * container's, which its parent decides, not the buttons': so dropping the words cannot flip it back. FX thread only.
 */
public final class WordsWhenWide {
    private WordsWhenWide() {
    }

    /**
     * @param container whose width decides
     * @param minWidth  the width from which the words are shown
     * @param controls  each with a graphic; its text becomes its accessible text if it has none
     */
    public static void apply(Region container, double minWidth, List<? extends Labeled> controls) {
        for (Labeled control : controls) {
            if (control.getAccessibleText() == null && control.getText() != null) {
                control.setAccessibleText(control.getText());
            }
        }
        container.widthProperty().addListener((obs, old, width) -> show(width.doubleValue(), minWidth, controls));
        show(container.getWidth(), minWidth, controls);
    }

    private static void show(double width, double minWidth, List<? extends Labeled> controls) {
        // Before the first layout the width is 0: show the words, as a wide window would.
        ContentDisplay display = width > 0 && width < minWidth ? ContentDisplay.GRAPHIC_ONLY : ContentDisplay.LEFT;
        for (Labeled control : controls) {
            control.setContentDisplay(display);
        }
    }
}
