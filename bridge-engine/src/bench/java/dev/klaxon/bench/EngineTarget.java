package dev.klaxon.bench;

import dev.klaxon.config.ConfigException;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.decision.Outcome;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineFlow;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.nats.ConnectionState;
import dev.klaxon.nats.IngestCounters;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** The engine as the product runs it, in log-only mode: every message is decoded, routed, counted and tailed. */
final class EngineTarget implements FloodTarget {

    private final Engine engine;

    EngineTarget(String url, Path storageDir) throws ConfigException {
        String yaml = """
                nats:
                  servers: ["%s"]
                  subjects: ["alerts.>"]
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.>"
                    action: log
                """.formatted(url, storageDir);
        KlaxonConfig config = new ConfigLoader().parse(yaml, storageDir.resolve("bench.yaml"));
        engine = Engine.create(config, Clock.systemUTC());
        engine.start();
    }

    /** Waits until the engine reports a connection; the driver then probes until messages actually arrive. */
    void awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (engine.summary().connection().state() != ConnectionState.CONNECTED) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("engine did not connect within " + timeout);
            }
            Thread.sleep(10);
        }
    }

    int queueCapacity() {
        return engine.summary().ingest().queueCapacity();
    }

    @Override
    public Progress progress() {
        // Counters only: summary() also reads the outbox's counts from SQLite, about half a millisecond a poll, which
        // the bare target's progress never paid.
        EngineFlow flow = engine.flow();
        IngestCounters ingest = flow.ingest();
        return new Progress(ingest.received(), flow.processed(), ingest.overflowed() + ingest.clientDropped(),
                ingest.slowConsumer());
    }

    /** Messages whose decision was not "logged": in log-only mode each one means the flood was not what we think. */
    long notLogged() {
        EngineSnapshot snapshot = engine.summary();
        return snapshot.processed() - snapshot.total(Outcome.LOGGED);
    }

    EngineSnapshot snapshot() {
        return engine.summary();
    }

    @Override
    public String mode() {
        return "engine";
    }

    @Override
    public void close() {
        engine.close();
    }
}
