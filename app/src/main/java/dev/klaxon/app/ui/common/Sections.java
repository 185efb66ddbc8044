package dev.klaxon.app.ui.common;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** The console's titled sections (a header row over a body that takes the rest), so every view reads alike. */
public final class Sections {
    private Sections() {
    }

    /** A section's title with its icon; it never shrinks, the hints beside it do. */
    public static Label title(String text, Ikon icon) {
        Label title = new Label(text, new FontIcon(icon));
        title.getStyleClass().add("section-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        return title;
    }

    /** The header over the body, the body growing; {@code styles} are added to the section's own classes. */
    public static VBox section(HBox header, Node body, String... styles) {
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("section-header");
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox box = new VBox(header, body);
        box.getStyleClass().add("section");
        box.getStyleClass().addAll(styles);
        return box;
    }
}
