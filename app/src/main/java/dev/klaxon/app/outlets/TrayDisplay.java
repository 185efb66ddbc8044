package dev.klaxon.app.outlets;

/**
 * Shows a message from the system tray. {@link AwtTray} is the real one; tests show into a list, since the test JVM
 * is headless and a machine with a system tray is not at hand.
 */
interface TrayDisplay {
    /** Why no message can be shown on this machine, or null when it can. Asked once, on the tray outlet's thread. */
    String whyNot();

    /** Shows one message; on the tray outlet's thread, only after {@link #whyNot()} said null. */
    void show(DesktopMessage message);

    /** Takes away what {@link #show} put on the desktop. On the FX thread: must not wait for anything. */
    void close();
}
