package dev.klaxon.engine;

import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.decision.Decision;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.message.MessageDecoder;
import dev.klaxon.nats.ConnectionStatus;
import dev.klaxon.nats.NatsIngest;
import dev.klaxon.stats.LiveStats;
import dev.klaxon.stats.TailEntry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The bridge engine's one public seam. The console and the headless command line use only this.
 * Thread-safe: every method may be called from any thread; none blocks on the network.
 *
 * <p>Flow: NATS dispatcher → {@link IngestQueue} (bounded, never blocks the dispatcher) → one processing thread
 * → {@link MessageProcessor} (decode, route, render) → {@link LiveStats}.
 */
public final class Engine implements AutoCloseable {
    private static final long CLOSE_TIMEOUT_MILLIS = 5_000;

    private final KlaxonConfig config;
    private final Clock clock;
    private final MessageProcessor processor;
    private final LiveStats stats;
    private final IngestQueue queue;
    private final NatsIngest ingest;
    private final ProcessingLoop loop;
    private final Thread worker;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Engine(KlaxonConfig config, Clock clock, EngineOptions options) {
        this.config = config;
        this.clock = clock;
        this.processor = new MessageProcessor(config.routes(), new MessageDecoder(), clock);
        this.stats = new LiveStats(clock, options.statsLimits());
        this.queue = new IngestQueue(options.queueCapacity(), options.queueBytes());
        this.ingest = new NatsIngest(config.nats(), options.environment(), clock, queue::offer);
        this.loop = new ProcessingLoop(queue, processor, stats, clock);
        this.worker = new Thread(loop, "klaxon-engine");
        this.worker.setDaemon(true);
    }

    /** Builds an engine for a validated config; nothing runs until {@link #start()}. */
    public static Engine create(KlaxonConfig config, Clock clock) {
        return create(config, clock, EngineOptions.defaults());
    }

    public static Engine create(KlaxonConfig config, Clock clock, EngineOptions options) {
        return new Engine(config, clock, options);
    }

    /**
     * Connects to NATS in the background (retrying forever) and starts processing. Returns at once.
     *
     * @throws dev.klaxon.nats.NatsSetupException when a NATS setting cannot be used (e.g. an unreadable secret)
     */
    public void start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            return;
        }
        worker.start();
        ingest.start();
    }

    /** A consistent-enough picture of counts, rates and connection state; cheap enough to call several times a second. */
    public EngineSnapshot snapshot() {
        return new EngineSnapshot(clock.instant(), ingest.status(), ingest.counters(queue.depth(), queue.capacity()),
                stats.totals(), stats.lastReasons(), stats.subjects(), stats.trackedSubjects());
    }

    /**
     * Like {@link #snapshot()} without the per-subject numbers (its subject list is empty): cheap enough to poll
     * in a tight loop, for progress and per-second logging.
     */
    public EngineSnapshot summary() {
        return new EngineSnapshot(clock.instant(), ingest.status(), ingest.counters(queue.depth(), queue.capacity()),
                stats.totals(), stats.lastReasons(), List.of(), stats.trackedSubjects());
    }

    /** The recent messages of one subject, oldest first (bounded). Empty for an unknown subject. */
    public List<TailEntry> tail(String subject) {
        return stats.tail(subject);
    }

    /** What the engine would decide for this message now, without counting it or sending anything. */
    public Decision explain(String subject, byte[] body, Map<String, List<String>> headers) {
        return processor.explain(new InboundMessage(subject, body, headers, clock.instant()));
    }

    /**
     * Registers a listener for connection state changes; called on an engine thread, only when the state changes.
     * The listener gets the current state at once. Listeners must return quickly.
     */
    public AutoCloseable onConnectionChange(Consumer<ConnectionStatus> listener) {
        return ingest.onStatusChange(listener);
    }

    public KlaxonConfig config() {
        return config;
    }

    /** Stops ingest, finishes what is queued, and releases the connection. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Ingest first: its close drains what the client already buffered into the queue.
        ingest.close();
        if (started.get()) {
            try {
                loop.stop(CLOSE_TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
