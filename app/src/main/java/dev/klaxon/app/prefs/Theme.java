package dev.klaxon.app.prefs;

/** The console's two looks: AtlantaFX Primer dark (default, easy on the eyes at night) and light. */
public enum Theme {
    DARK, LIGHT;

    public Theme other() {
        return this == DARK ? LIGHT : DARK;
    }
}
