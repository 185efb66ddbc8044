package dev.klaxon.app.perf;

import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.nats.IngestCounters;

/** The two engine counters the perf record carries, read from a cheap {@code Engine.summary()}. */
public record EngineCounts(long processed, long lost) {
    public static final EngineCounts NONE = new EngineCounts(0, 0);

    public static EngineCounts of(EngineSnapshot summary) {
        IngestCounters ingest = summary.ingest() == null ? IngestCounters.ZERO : summary.ingest();
        return new EngineCounts(summary.processed(), ingest.overflowed() + ingest.clientDropped());
    }
}
