package dev.klaxon.app.perf;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes each {@link PerfSample} as one JSON object per line (JSON Lines) to the {@code --perf-log} file, on its own
 * thread: the file is created or emptied when the first line is written, and every line is flushed, so a benchmark
 * can read the file while the console runs. The first failure to write is reported once through
 * {@code onFailure} and stops the log; nothing is thrown. A stalled disk costs at most {@link #BACKLOG} queued lines.
 *
 * <p>Fields: {@code at} (ISO-8601 UTC), {@code fps}, {@code lag_p50_ms}, {@code lag_p99_ms}, {@code lag_max_ms},
 * {@code probes}, {@code slow_probes} (lag above 33 ms), {@code heap_used_mb}, {@code processed} (engine decisions
 * since start), {@code processed_per_s}, {@code lost} (engine queue overflow plus client drops since start).
 */
public final class PerfLog implements Consumer<PerfSample>, AutoCloseable {
    static final int BACKLOG = 64;

    private final Path file;
    private final Consumer<String> onFailure;
    private final ThreadPoolExecutor writer;
    private BufferedWriter out; // writer thread only
    private boolean failed; // writer thread only

    /** @param onFailure told once, on the writer thread, why the log stopped */
    public PerfLog(Path file, Consumer<String> onFailure) {
        this.file = Objects.requireNonNull(file, "file");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(BACKLOG),
                runnable -> {
                    Thread thread = new Thread(runnable, "klaxon-perf-log");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardPolicy());
    }

    /** Queues the sample's line; returns at once, whatever the disk does. */
    @Override
    public void accept(PerfSample sample) {
        String line = line(sample);
        writer.execute(() -> write(line));
    }

    private void write(String line) {
        if (failed) {
            return;
        }
        try {
            if (out == null) {
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            }
            out.write(line);
            out.newLine();
            out.flush();
        } catch (IOException | RuntimeException e) {
            failed = true;
            closeQuietly();
            onFailure.accept("could not write the perf log " + file + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    static String line(PerfSample s) {
        return String.format(Locale.ROOT, "{\"at\":\"%s\",\"fps\":%.1f,\"lag_p50_ms\":%.2f,\"lag_p99_ms\":%.2f,"
                        + "\"lag_max_ms\":%.2f,\"probes\":%d,\"slow_probes\":%d,\"heap_used_mb\":%.1f,"
                        + "\"processed\":%d,\"processed_per_s\":%d,\"lost\":%d}",
                s.at(), s.fps(), s.lagP50Millis(), s.lagP99Millis(), s.lagMaxMillis(), s.probes(), s.slowProbes(),
                s.heapUsedMegabytes(), s.processed(), s.processedPerSecond(), s.lost());
    }

    /** Writes what is queued, then closes the file (waits at most two seconds). */
    @Override
    public void close() {
        writer.execute(this::closeQuietly);
        writer.shutdown();
        try {
            writer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            // the lines already written were flushed; nothing more to save
        }
        out = null;
    }
}
