package dev.klaxon.app.outlets;

import java.util.List;

/** A way to reach a person beyond the window (the desktop's notifications, a sound). */
public interface AlertOutlet extends AutoCloseable {
    /** Called on the FX thread with the alerts of one frame (never empty): must hand off and return at once. */
    void deliver(List<Alert> alerts);

    @Override
    default void close() {
    }
}
