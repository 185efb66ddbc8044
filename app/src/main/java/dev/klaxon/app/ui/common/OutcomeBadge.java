package dev.klaxon.app.ui.common;

import dev.klaxon.decision.Outcome;
import javafx.scene.control.Label;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** How a decision looks everywhere in the console: always an icon and a word, colour only as a second cue. */
public final class OutcomeBadge {
    private OutcomeBadge() {
    }

    public static Ikon icon(Outcome outcome) {
        if (outcome == null) {
            return Material2MZ.MORE_HORIZ;
        }
        return switch (outcome) {
            case FORWARDED -> Material2MZ.SEND;
            case SHADOWED -> Material2MZ.VISIBILITY_OFF;
            case LOGGED -> Material2MZ.NOTES;
            case DROPPED -> Material2AL.DELETE_OUTLINE;
            case REJECTED -> Material2AL.BLOCK;
            case SILENCED -> Material2MZ.NOTIFICATIONS_OFF;
            case DEDUPLICATED -> Material2AL.CONTENT_COPY;
            case HELD -> Material2MZ.PAUSE_CIRCLE_OUTLINE;
            case INHIBITED -> Material2AL.LAYERS_CLEAR;
        };
    }

    /** The CSS class carrying the outcome's colour, e.g. {@code outcome-rejected}. */
    public static String styleClass(Outcome outcome) {
        return outcome == null ? "outcome-none" : "outcome-" + outcome.label();
    }

    /** Points an existing label at an outcome: text, icon and colour class (labels are reused by cells). */
    public static void show(Label label, Outcome outcome, String text) {
        label.getStyleClass().removeIf(style -> style.startsWith("outcome-"));
        label.getStyleClass().add(styleClass(outcome));
        label.setText(text);
        FontIcon icon = label.getGraphic() instanceof FontIcon existing ? existing : new FontIcon();
        icon.setIconCode(icon(outcome));
        label.setGraphic(icon);
    }
}
