package dev.klaxon.app.outlets;

import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.SystemTray;
import java.awt.Toolkit;
import java.awt.TrayIcon;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.util.Objects;

/**
 * Klaxon's icon in the system tray, put there at the first message and kept for the next ones, showing each as the
 * tray's balloon (a toast on Windows, a notification on macOS). All AWT work is on AWT's event thread, never on the
 * FX thread: on macOS that is the AppKit main thread, which AWT itself waits for. Nothing here touches AWT before
 * the first message, so a console that never alerts never starts AWT. {@code java.awt.headless} is left as it is:
 * unset, it is false on macOS and Windows, and a headless JVM (or a desktop without a tray) only means no tray.
 */
final class AwtTray implements TrayDisplay {
    /** The window's and the installer's icon (src/packaging/linux/klaxon.png, copied there by the build). */
    static final String ICON = "/dev/klaxon/app/klaxon.png";

    private final URL image;
    /** Set before AWT's event thread is first asked for anything: close() leaves AWT alone until then. */
    private volatile boolean used;
    private volatile boolean closed;
    /** AWT's event thread only. */
    private TrayIcon icon;

    AwtTray(URL image) {
        this.image = Objects.requireNonNull(image, "image");
    }

    static AwtTray withAppIcon() {
        return new AwtTray(Objects.requireNonNull(AwtTray.class.getResource(ICON), ICON));
    }

    @Override
    public String whyNot() {
        if (GraphicsEnvironment.isHeadless()) {
            return "no display (java.awt.headless)";
        }
        try {
            return SystemTray.isSupported() ? null : "the desktop has no system tray";
        } catch (RuntimeException | LinkageError e) { // no native AWT in the runtime, or no display after all
            return "no system tray (" + e.getClass().getSimpleName() + ")";
        }
    }

    @Override
    public void show(DesktopMessage message) {
        used = true;
        try {
            EventQueue.invokeAndWait(() -> {
                if (closed) {
                    return;
                }
                iconInTray().displayMessage(message.title(), message.text(), type(message));
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private TrayIcon iconInTray() {
        if (icon == null) {
            Image picture = Toolkit.getDefaultToolkit().getImage(image);
            TrayIcon added = new TrayIcon(picture, "Klaxon");
            added.setImageAutoSize(true); // the tray's own size, from the 256 px icon
            try {
                SystemTray.getSystemTray().add(added);
            } catch (AWTException e) {
                throw new IllegalStateException("the system tray refused the icon", e);
            }
            icon = added;
        }
        return icon;
    }

    static TrayIcon.MessageType type(DesktopMessage message) {
        return message.urgent() ? TrayIcon.MessageType.WARNING : TrayIcon.MessageType.INFO;
    }

    @Override
    public void close() {
        closed = true;
        if (used) {
            EventQueue.invokeLater(() -> {
                if (icon != null) {
                    SystemTray.getSystemTray().remove(icon);
                    icon = null;
                }
            });
        }
    }
}
