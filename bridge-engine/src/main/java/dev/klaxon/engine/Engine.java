package dev.klaxon.engine;

import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.decision.Decision;
import dev.klaxon.nats.ConnectionStatus;
import dev.klaxon.stats.TailEntry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The bridge engine's one public seam. The console and the headless command line use only this.
 * Thread-safe: every method may be called from any thread; none blocks on the network.
 */
public final class Engine implements AutoCloseable {

    private Engine() {
    }

    /** Builds an engine for a validated config; nothing runs until {@link #start()}. */
    public static Engine create(KlaxonConfig config, Clock clock) {
        throw new UnsupportedOperationException("being implemented");
    }

    /** Connects to NATS in the background (retrying forever) and starts processing. Returns at once. */
    public void start() {
        throw new UnsupportedOperationException("being implemented");
    }

    /** A consistent-enough picture of counts, rates and connection state; cheap enough to call several times a second. */
    public EngineSnapshot snapshot() {
        throw new UnsupportedOperationException("being implemented");
    }

    /** The recent messages of one subject, oldest first (bounded). Empty for an unknown subject. */
    public List<TailEntry> tail(String subject) {
        throw new UnsupportedOperationException("being implemented");
    }

    /** What the engine would decide for this message now, without counting it or sending anything. */
    public Decision explain(String subject, byte[] body, Map<String, List<String>> headers) {
        throw new UnsupportedOperationException("being implemented");
    }

    /**
     * Registers a listener for connection state changes; called on an engine thread, only when the state changes.
     * The listener gets the current state at once.
     */
    public AutoCloseable onConnectionChange(Consumer<ConnectionStatus> listener) {
        throw new UnsupportedOperationException("being implemented");
    }

    public KlaxonConfig config() {
        throw new UnsupportedOperationException("being implemented");
    }

    /** Stops ingest, drains what is queued, and releases the connection. Idempotent. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("being implemented");
    }
}
