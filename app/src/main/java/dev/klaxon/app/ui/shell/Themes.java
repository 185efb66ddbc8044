package dev.klaxon.app.ui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.klaxon.app.prefs.Theme;
import javafx.application.Application;
import javafx.scene.Scene;

/** The AtlantaFX base theme plus the console's own stylesheet, which only uses the theme's colour variables. */
public final class Themes {
    private static final String CONSOLE_CSS = Themes.class.getResource("/dev/klaxon/app/klaxon.css").toExternalForm();

    private Themes() {
    }

    /** Sets the application-wide theme; FX thread. */
    public static void apply(Theme theme) {
        Application.setUserAgentStylesheet(theme == Theme.LIGHT
                ? new PrimerLight().getUserAgentStylesheet()
                : new PrimerDark().getUserAgentStylesheet());
    }

    public static void style(Scene scene) {
        if (!scene.getStylesheets().contains(CONSOLE_CSS)) {
            scene.getStylesheets().add(CONSOLE_CSS);
        }
    }
}
