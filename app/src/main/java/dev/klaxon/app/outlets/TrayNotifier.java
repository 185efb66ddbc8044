package dev.klaxon.app.outlets;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Desktop notifications from the system tray, on macOS and Windows (where there is no {@code notify-send}), handed
 * to their own thread. Where the desktop has no tray (or the JVM is headless) the window's toasts are all there is:
 * that is said once in the log and by {@link #unavailable()}, then alerts are dropped here. As with {@code
 * notify-send}: one notification per frame, a few waiting at most, the same words ({@link DesktopMessage}).
 */
final class TrayNotifier implements AlertOutlet {
    private static final Logger LOG = Logger.getLogger(TrayNotifier.class.getName());

    private final TrayDisplay display;
    private final ExecutorService thread;
    private final CompletableFuture<String> whyUnavailable = new CompletableFuture<>();
    private final AtomicBoolean toldFailure = new AtomicBoolean();
    private volatile boolean unavailable;
    /** The outlet's thread only. */
    private boolean asked;

    TrayNotifier(TrayDisplay display) {
        this(display, OutletThread.bounded("klaxon-tray-notify", 4));
    }

    /** @param thread where the tray is asked and shown into; never the caller's (the FX) thread but in tests */
    TrayNotifier(TrayDisplay display, ExecutorService thread) {
        this.display = display;
        this.thread = thread;
    }

    @Override
    public void deliver(List<Alert> alerts) {
        if (!unavailable && !alerts.isEmpty()) {
            DesktopMessage message = DesktopMessage.of(alerts);
            thread.execute(() -> show(message));
        }
    }

    /**
     * Known at the first alert, not before: asking for the tray starts AWT, which a console that never alerts does not
     * need.
     */
    @Override
    public CompletableFuture<String> unavailable() {
        return whyUnavailable;
    }

    private void show(DesktopMessage message) {
        if (!asked) {
            asked = true;
            String why = display.whyNot();
            if (why != null) {
                unavailable = true;
                LOG.info("No tray notifications: " + why + "; alerts show inside the Klaxon window only");
                whyUnavailable.complete(why);
            }
        }
        if (unavailable) {
            return;
        }
        try {
            display.show(message);
        } catch (RuntimeException e) {
            if (toldFailure.compareAndSet(false, true)) {
                LOG.info("A tray notification failed (" + e + "): further failures are not logged");
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        display.close();
    }
}
