package dev.klaxon.app.ui.common;

import java.util.Objects;
import org.kordamp.ikonli.Ikon;

/**
 * What the window shows of a view before it is opened.
 *
 * @param id          a short stable name, used in node ids ({@code audit} gives {@code #audit-view-button})
 * @param title       the switch button's word and the palette's "View: ..." title
 * @param description what the view shows and does, for the button's tooltip (the window adds the key)
 * @param iconOnly    the switch shows the icon alone (the title stays in the tooltip and the accessible text)
 */
public record ViewInfo(String id, String title, Ikon icon, String description, boolean iconOnly) {
    public ViewInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(icon, "icon");
        Objects.requireNonNull(description, "description");
    }

    public ViewInfo(String id, String title, Ikon icon, String description) {
        this(id, title, icon, description, false);
    }
}
