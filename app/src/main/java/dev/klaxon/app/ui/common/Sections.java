package dev.klaxon.app.ui.common;

import java.util.List;
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

    /** A section's header row: {@code left} from its start, {@code right} pushed to its end. */
    public static HBox header(List<Node> left, Node... right) {
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox header = new HBox(10);
        header.getChildren().addAll(left);
        header.getChildren().add(spring);
        header.getChildren().addAll(right);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("section-header");
        return header;
    }

    /** Small text beside a section's title: a count, a place, the keys that work there. */
    public static Label hint(String text) {
        Label hint = new Label(text);
        hint.getStyleClass().add("section-hint");
        return hint;
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
