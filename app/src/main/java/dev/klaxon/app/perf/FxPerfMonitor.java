package dev.klaxon.app.perf;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Measures the console's own responsiveness. A background thread posts a probe to the FX thread every
 * {@link #PROBE_PERIOD} and the probe records how long it waited (the FX thread's lag); an {@link AnimationTimer}
 * counts frames. Once a second the window is closed into a {@link PerfSample} and handed to the listener on the
 * background thread, never the FX thread.
 *
 * <p>Only one probe waits at a time: an FX thread that is stuck gets no pile of probes to work through afterwards,
 * and the waiting probe's age still shows up in the second's figures (see {@link PerfWindow#close}).
 */
public final class FxPerfMonitor implements AutoCloseable {
    public static final Duration PROBE_PERIOD = Duration.ofMillis(50);
    public static final Duration WINDOW = Duration.ofSeconds(1);
    private static final long NOT_WAITING = Long.MIN_VALUE;

    private final Supplier<EngineCounts> engine;
    private final Clock clock;
    private final LongSupplier nanos;
    private final LongSupplier heapUsed;
    private final Consumer<PerfSample> listener;
    private final ScheduledExecutorService ticker;
    private final Object lock = new Object();
    private final AnimationTimer frames = new AnimationTimer() {
        @Override
        public void handle(long now) {
            synchronized (lock) {
                window.frame();
            }
        }
    };
    private PerfWindow window; // set by start(), before anything reads it
    private long probePostedAt = NOT_WAITING;

    /**
     * @param engine   the engine's counters; called once a second on the monitor's thread, so it must be cheap
     * @param listener gets every second's sample on the monitor's thread
     */
    public FxPerfMonitor(Supplier<EngineCounts> engine, Clock clock, LongSupplier nanos, LongSupplier heapUsed,
                         Consumer<PerfSample> listener) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.heapUsed = Objects.requireNonNull(heapUsed, "heapUsed");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "klaxon-perf-monitor");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The monitor of the running console: system clock and the JVM's heap. */
    public static FxPerfMonitor forConsole(Supplier<EngineCounts> engine, Consumer<PerfSample> listener) {
        return new FxPerfMonitor(engine, Clock.systemUTC(), System::nanoTime,
                () -> ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), listener);
    }

    /** Starts probing and counting frames. Call on the FX thread. */
    public void start() {
        synchronized (lock) {
            window = new PerfWindow(nanos.getAsLong());
        }
        frames.start();
        ticker.scheduleAtFixedRate(this::postProbe, 0, PROBE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        ticker.scheduleAtFixedRate(this::closeWindow, WINDOW.toMillis(), WINDOW.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void postProbe() {
        long posted;
        synchronized (lock) {
            if (probePostedAt != NOT_WAITING) {
                return;
            }
            posted = nanos.getAsLong();
            probePostedAt = posted;
        }
        Platform.runLater(() -> {
            long ran = nanos.getAsLong();
            synchronized (lock) {
                window.lag(ran - posted);
                probePostedAt = NOT_WAITING;
            }
        });
    }

    private void closeWindow() {
        // A scheduled task that throws never runs again: a failing engine read or listener is skipped, not fatal.
        try {
            EngineCounts counts = engine.get();
            long heap = heapUsed.getAsLong();
            PerfSample sample;
            synchronized (lock) {
                sample = window.close(nanos.getAsLong(), probePostedAt, clock.instant(), heap, counts);
            }
            listener.accept(sample);
        } catch (RuntimeException e) {
            System.err.println("klaxon: perf monitor: " + e);
        }
    }

    /** Stops probing; the frame counter is stopped on the FX thread. */
    @Override
    public void close() {
        ticker.shutdownNow();
        if (Platform.isFxApplicationThread()) {
            frames.stop();
        } else {
            Platform.runLater(frames::stop);
        }
    }
}
