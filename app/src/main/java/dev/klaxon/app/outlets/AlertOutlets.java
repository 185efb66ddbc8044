package dev.klaxon.app.outlets;

import java.util.Objects;

/** Where alerts go besides the window's own toasts; tests pass quiet ones so a test run never beeps or pops up. */
public record AlertOutlets(AlertOutlet desktop, AlertOutlet sound) implements AutoCloseable {
    public AlertOutlets {
        Objects.requireNonNull(desktop, "desktop");
        Objects.requireNonNull(sound, "sound");
    }

    /** The desktop's notification service through {@code notify-send}, and a short tone on the default audio device. */
    public static AlertOutlets system() {
        return new AlertOutlets(new DesktopNotifier(DesktopNotifier.COMMAND), new AlertTone());
    }

    @Override
    public void close() {
        desktop.close();
        sound.close();
    }
}
