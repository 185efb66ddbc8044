package dev.klaxon.app.ui.common;

import javafx.scene.control.Label;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/** The one-line answer under a form or an action: what is happening, or what went wrong, with an icon for each. */
public final class StatusLine {
    private StatusLine() {
    }

    /** Shows {@code text} on {@code status}; a failure is styled {@code action-failed} so it reads as one. */
    public static void show(Label status, String text, boolean failed) {
        status.setText(text);
        status.setGraphic(new FontIcon(failed ? Material2AL.ERROR_OUTLINE : Material2AL.INFO));
        status.getStyleClass().remove("action-failed");
        if (failed) {
            status.getStyleClass().add("action-failed");
        }
    }
}
