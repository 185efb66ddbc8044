package dev.klaxon.app.perf;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * The console's self-measurement as one piece: the {@link FxPerfMonitor}, its sample shown on the FX thread once a
 * second (the status bar) and, with {@code --perf-log}, the {@link PerfLog}.
 */
public final class ConsolePerf implements AutoCloseable {
    private final FxPerfMonitor monitor;
    private final PerfLog log;

    private ConsolePerf(FxPerfMonitor monitor, PerfLog log) {
        this.monitor = monitor;
        this.log = log;
    }

    /**
     * Starts measuring. Call on the FX thread.
     *
     * @param show         gets each sample on the FX thread
     * @param logFile      where to write the samples, or null for no log
     * @param onLogFailure told once, on a background thread, why the log stopped
     */
    public static ConsolePerf start(Supplier<EngineCounts> engine, Consumer<PerfSample> show, Path logFile,
                                    Consumer<String> onLogFailure) {
        PerfLog log = logFile == null ? null : new PerfLog(logFile, onLogFailure);
        // At most one sample waits for the FX thread: one that is stuck for minutes gets the newest, not a backlog.
        AtomicReference<PerfSample> waiting = new AtomicReference<>();
        Consumer<PerfSample> toFx = sample -> {
            if (waiting.getAndSet(sample) == null) {
                Platform.runLater(() -> show.accept(waiting.getAndSet(null)));
            }
        };
        FxPerfMonitor monitor = FxPerfMonitor.forConsole(engine, log == null ? toFx : toFx.andThen(log));
        monitor.start();
        return new ConsolePerf(monitor, log);
    }

    @Override
    public void close() {
        monitor.close();
        if (log != null) {
            log.close();
        }
    }
}
