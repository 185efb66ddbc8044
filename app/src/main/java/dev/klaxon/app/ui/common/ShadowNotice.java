package dev.klaxon.app.ui.common;

import atlantafx.base.theme.Styles;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.route.RouteRule;
import java.util.Optional;
import javafx.scene.control.Label;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Says that a config pages nobody because of shadow mode, where a person reads rules or settings: shadow mode is a
 * safe way to try a config, and a dangerous one to forget on.
 */
public final class ShadowNotice {
    private ShadowNotice() {
    }

    /** A notice for {@code config}'s shadow state; empty when every page rule sends. */
    public static Optional<Label> of(KlaxonConfig config, String id) {
        if (config == null) {
            return Optional.empty();
        }
        String text;
        if (config.guards().shadowAll()) {
            text = "Shadow mode (guards.shadow: true): every page rule renders its event and the audit records "
                    + "it as shadowed; nothing is sent to PagerDuty and nobody is paged.";
        } else {
            long shadowed = config.routes().stream().filter(RouteRule::shadow).count();
            if (shadowed == 0) {
                return Optional.empty();
            }
            text = shadowed + (shadowed == 1 ? " rule is" : " rules are") + " in shadow (shadow: true): rendered "
                    + "and audited, never sent. The others page for real.";
        }
        Label notice = new Label(text, new FontIcon(Material2MZ.VISIBILITY_OFF));
        notice.setId(id);
        notice.setWrapText(true);
        notice.getStyleClass().addAll("shadow-notice", Styles.WARNING);
        return Optional.of(notice);
    }
}
