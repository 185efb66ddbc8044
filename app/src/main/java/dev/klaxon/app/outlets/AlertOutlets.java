package dev.klaxon.app.outlets;

import java.util.Locale;
import java.util.Objects;

/** Where alerts go besides the window's own toasts; tests pass quiet ones so a test run never beeps or pops up. */
public record AlertOutlets(AlertOutlet desktop, AlertOutlet sound) implements AutoCloseable {
    public AlertOutlets {
        Objects.requireNonNull(desktop, "desktop");
        Objects.requireNonNull(sound, "sound");
    }

    /** The desktop's notification service, and a short tone on the default audio device. */
    public static AlertOutlets system() {
        return new AlertOutlets(desktop(System.getProperty("os.name", "")), new AlertTone());
    }

    /**
     * The system tray on macOS and Windows; {@code notify-send} elsewhere (Linux, the BSDs), where it is the desktop's
     * own way and AWT's tray is unreliable (GNOME has none).
     *
     * @param osName as in the {@code os.name} property: "Linux", "Mac OS X", "Windows 11"
     */
    static AlertOutlet desktop(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac") || os.startsWith("windows")) {
            return new TrayNotifier(AwtTray.withAppIcon());
        }
        return new DesktopNotifier(DesktopNotifier.COMMAND);
    }

    @Override
    public void close() {
        desktop.close();
        sound.close();
    }
}
