package dev.klaxon.app.perf;

import java.lang.management.ManagementFactory;
import java.util.logging.Logger;
import javafx.animation.AnimationTimer;

/**
 * Says how long after the JVM started the next frame was drawn: called right after a window or a view is put on
 * screen, it measures what a person waits for (BENCHMARKS.md, "Start-up"). One INFO line in the log; nothing on
 * later frames. FX thread only.
 */
public final class FirstFrame {
    private static final Logger LOG = Logger.getLogger(FirstFrame.class.getName());

    private FirstFrame() {
    }

    /** @param what what the frame shows, e.g. "startup window" */
    public static void report(String what) {
        report(what, () -> { });
    }

    /** As {@link #report(String)}, then runs {@code then} on the FX thread right after the line is logged. */
    public static void report(String what, Runnable then) {
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                LOG.info("first frame of the " + what + " " + sinceStart + " ms after the JVM started");
                then.run();
            }
        }.start();
    }
}
