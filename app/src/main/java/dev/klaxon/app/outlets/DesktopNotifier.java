package dev.klaxon.app.outlets;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Desktop notifications through {@code notify-send} (libnotify, on most Linux desktops), run on its own thread with a
 * timeout. Where there is no such command, or the desktop has no notification service, the window's toasts are all
 * there is: that is said once in the log, then failures are ignored. One notification per frame (a burst is folded
 * into one), and while a few are still waiting to be sent further ones are dropped, so a stuck desktop never builds
 * a backlog.
 */
final class DesktopNotifier implements AlertOutlet {
    static final String COMMAND = "notify-send";
    private static final Logger LOG = Logger.getLogger(DesktopNotifier.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int EXPIRE_MILLIS = 15_000;

    private final String command;
    private final ExecutorService thread;
    private final AtomicBoolean toldFailure = new AtomicBoolean();
    private volatile boolean missing;

    DesktopNotifier(String command) {
        this(command, OutletThread.bounded("klaxon-desktop-notify", 4));
    }

    /** @param thread where the command runs; it must never run on the caller's (the FX) thread but in tests */
    DesktopNotifier(String command, ExecutorService thread) {
        this.command = command;
        this.thread = thread;
    }

    @Override
    public void deliver(List<Alert> alerts) {
        if (!missing && !alerts.isEmpty()) {
            DesktopMessage message = DesktopMessage.of(alerts);
            thread.execute(() -> send(message));
        }
    }

    private void send(DesktopMessage message) {
        ProcessBuilder builder = new ProcessBuilder(List.of(command, "--app-name=Klaxon",
                "--urgency=" + (message.urgent() ? "critical" : "normal"),
                "--icon=dialog-warning", "--expire-time=" + EXPIRE_MILLIS,
                markupFree(message.title()), markupFree(message.text())));
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            missing = true; // not installed: not worth a process start per alert
            failed("could not be started (not on PATH?)");
            return;
        }
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                failed("did not finish within " + TIMEOUT.toSeconds() + " s");
            } else if (process.exitValue() != 0) {
                failed("exited with " + process.exitValue() + " (no notification service?)");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void failed(String what) {
        if (toldFailure.compareAndSet(false, true)) {
            LOG.info(command + " " + what + ": alerts show inside the Klaxon window only; further failures "
                    + "are not logged");
        }
    }

    /** notify-send reads a little HTML in the body: an incident title must not be taken for markup. */
    static String markupFree(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
