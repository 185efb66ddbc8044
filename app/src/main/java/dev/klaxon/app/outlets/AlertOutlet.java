package dev.klaxon.app.outlets;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A way to reach a person beyond the window (the desktop's notifications, a sound). */
public interface AlertOutlet extends AutoCloseable {
    /** Called on the FX thread with the alerts of one frame (never empty): must hand off and return at once. */
    void deliver(List<Alert> alerts);

    /**
     * Completes with why this outlet cannot reach anyone on this machine (no audio device), as soon as that is known;
     * never completes while it can. Completes on the outlet's own thread.
     */
    default CompletableFuture<String> unavailable() {
        return new CompletableFuture<>();
    }

    @Override
    default void close() {
    }
}
