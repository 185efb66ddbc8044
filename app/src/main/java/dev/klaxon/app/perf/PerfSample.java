package dev.klaxon.app.perf;

import java.time.Instant;

/**
 * One second of the console's own responsiveness, as the status bar shows it and {@code --perf-log} writes it.
 *
 * @param at                 when the second ended
 * @param fps                frames (JavaFX pulses) per second over the window
 * @param lagP50Millis       median delay between posting a probe to the FX thread and the FX thread running it
 * @param lagP99Millis       99th percentile of that delay (nearest rank; with ~20 probes a second, the worst one)
 * @param lagMaxMillis       the worst delay seen, including a probe still waiting when the second ended
 * @param probes             lag samples in the window
 * @param slowProbes         samples above {@link #SLOW_LAG_MILLIS}: summed over many seconds they give the share of
 *                           slow probes exactly, which per-second percentiles cannot
 * @param heapUsedBytes      JVM heap in use (live data plus garbage not yet collected)
 * @param processed          messages the engine has decided on since it started
 * @param processedPerSecond the engine's decisions per second during this window (0 in the first window)
 * @param lost               messages the engine lost since it started (queue overflow plus client drops)
 */
public record PerfSample(Instant at, double fps, double lagP50Millis, double lagP99Millis, double lagMaxMillis,
                         int probes, int slowProbes, long heapUsedBytes, long processed, long processedPerSecond,
                         long lost) {

    /** Two frames at 60 Hz: a UI thread this late is visibly stuttering. */
    public static final double SLOW_LAG_MILLIS = 33;

    /** True when the console itself is sluggish: the status bar turns its label into a warning. */
    public boolean sluggish() {
        return lagP99Millis > SLOW_LAG_MILLIS;
    }

    public double heapUsedMegabytes() {
        return heapUsedBytes / (1024.0 * 1024.0);
    }
}
