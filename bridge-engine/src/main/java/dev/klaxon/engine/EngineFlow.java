package dev.klaxon.engine;

import dev.klaxon.nats.IngestCounters;

/**
 * What came in from NATS and how many messages the engine has decided: counters only, no storage or delivery state,
 * so it can be read in a tight loop (a benchmark's progress) without costing the engine anything.
 *
 * @param processed messages decided so far, every outcome
 */
public record EngineFlow(IngestCounters ingest, long processed) {
}
