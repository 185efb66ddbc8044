package dev.klaxon.app.feed;

import dev.klaxon.app.backend.HeldBatch;
import dev.klaxon.app.backend.LiveBackend;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.guard.FloodStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the engine on one background thread at a fixed pace and keeps only the newest result, so the FX thread
 * never calls the engine and never sees a backlog: however fast messages arrive, the views get at most one
 * snapshot and one tail per poll, and a slow frame simply skips to the newest.
 */
public final class LiveFeed implements AutoCloseable {
    private final LiveBackend source;
    private final Duration period;
    private final ScheduledExecutorService poller;
    private final AtomicReference<EngineSnapshot> snapshot = new AtomicReference<>();
    private final AtomicReference<TailUpdate> tail = new AtomicReference<>();
    private final AtomicReference<FloodPicture> floods = new AtomicReference<>(FloodPicture.NONE);
    private final AtomicReference<String> watched = new AtomicReference<>();
    private final AtomicReference<String> failure = new AtomicReference<>();

    public LiveFeed(LiveBackend source, Duration period) {
        this.source = Objects.requireNonNull(source, "source");
        this.period = period;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "klaxon-console-poll");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        poller.scheduleWithFixedDelay(this::poll, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Which subject's tail to read (null for none). Called from the FX thread; the read happens at once. */
    public void watch(String subject) {
        watched.set(subject);
        tail.set(null);
        if (!poller.isShutdown()) {
            poller.execute(this::pollTail);
        }
    }

    /** The newest snapshot read, or null before the first. */
    public EngineSnapshot latestSnapshot() {
        return snapshot.get();
    }

    /** The newest tail of the watched subject, or null while it is being read. */
    public TailUpdate latestTail() {
        return tail.get();
    }

    /** Subjects in flood state as last read; the same list object until the engine's answer changes. */
    public List<FloodStatus> latestFloods() {
        return floods.get().floods();
    }

    /** The floods and what each holds, from one read; the same object until either changes. */
    public FloodPicture latestFloodPicture() {
        return floods.get();
    }

    /** The last failure reading the engine, or null when the last read worked. */
    public String failure() {
        return failure.get();
    }

    private void poll() {
        // A scheduled task that throws is never run again: every failure is caught and shown instead.
        try {
            // Floods first: whoever sees a snapshot also sees the floods read with it, so the first snapshot's
            // floods are what was there at startup (the alerts take them as the baseline, not as news).
            FloodPicture now = readFloods();
            if (!now.equals(floods.get())) {
                floods.set(now);
            }
            snapshot.set(source.snapshot());
            pollTail();
            failure.set(null);
        } catch (RuntimeException e) {
            failure.set(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** The floods, then what is held under each, in the same poll: one picture for every count shown. */
    private FloodPicture readFloods() {
        List<FloodStatus> flooding = source.floods();
        Map<String, HeldBatch> held = new HashMap<>();
        for (FloodStatus flood : flooding) {
            held.put(flood.subject(), source.held(flood.subject()));
        }
        return new FloodPicture(flooding, held);
    }

    private void pollTail() {
        try {
            String subject = watched.get();
            if (subject != null) {
                TailUpdate update = new TailUpdate(subject, source.tail(subject));
                // Drop the read if the selection moved on meanwhile.
                if (subject.equals(watched.get())) {
                    tail.set(update);
                }
            }
        } catch (RuntimeException e) {
            failure.set(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
