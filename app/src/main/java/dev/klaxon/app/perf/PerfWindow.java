package dev.klaxon.app.perf;

import java.time.Instant;
import java.util.Arrays;

/**
 * Aggregates one window (about a second) of FX-thread lag samples and frames into a {@link PerfSample}, then starts
 * the next window. Plain code fed with explicit nanosecond times, so it is tested without JavaFX or a real clock.
 * Not thread-safe: {@link FxPerfMonitor} calls it under one lock. Memory is fixed: at most {@link #MAX_SAMPLES} lag
 * samples a window are kept for the percentiles; later ones still count towards the maximum and the slow count.
 */
final class PerfWindow {
    static final int MAX_SAMPLES = 1_024;
    private static final double NANOS_PER_MILLI = 1e6;

    private final long[] lags = new long[MAX_SAMPLES];
    private int kept;
    private int probes;
    private int slow;
    private long maxLag;
    private long frames;
    private long startNanos;
    private long lastProcessed = -1;

    PerfWindow(long startNanos) {
        this.startNanos = startNanos;
    }

    void frame() {
        frames++;
    }

    void lag(long nanos) {
        long lag = Math.max(0, nanos);
        if (kept < lags.length) {
            lags[kept++] = lag;
        }
        probes++;
        if (lag > PerfSample.SLOW_LAG_MILLIS * NANOS_PER_MILLI) {
            slow++;
        }
        maxLag = Math.max(maxLag, lag);
    }

    /**
     * Ends the window at {@code nowNanos} and starts the next one.
     *
     * @param waitingSinceNanos when the probe that has not run yet was posted, or {@code Long.MIN_VALUE} for none.
     *                          It counts as a sample of its age so far: an FX thread frozen for the whole second
     *                          runs no probe at all and must not read as "no lag". When it does run, its full lag
     *                          counts again in that later window, which is also true of that window.
     */
    PerfSample close(long nowNanos, long waitingSinceNanos, Instant at, long heapUsedBytes, EngineCounts engine) {
        if (waitingSinceNanos != Long.MIN_VALUE) {
            lag(nowNanos - waitingSinceNanos);
        }
        Arrays.sort(lags, 0, kept);
        double seconds = Math.max(1, nowNanos - startNanos) / 1e9;
        long perSecond = lastProcessed < 0 ? 0 : Math.max(0, Math.round((engine.processed() - lastProcessed) / seconds));
        PerfSample sample = new PerfSample(at, frames / seconds, millis(percentile(50)), millis(percentile(99)),
                millis(maxLag), probes, slow, heapUsedBytes, engine.processed(), perSecond, engine.lost());
        lastProcessed = engine.processed();
        startNanos = nowNanos;
        kept = 0;
        probes = 0;
        slow = 0;
        maxLag = 0;
        frames = 0;
        return sample;
    }

    /** Nearest-rank percentile of the kept samples (sorted); 0 when there are none. */
    private long percentile(int p) {
        if (kept == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * kept);
        return lags[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / NANOS_PER_MILLI;
    }
}
