package dev.klaxon.app.backend.engine;

import dev.klaxon.app.backend.RulesBackend;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.decision.Decision;
import dev.klaxon.engine.Engine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The engine's routes, hit counts and explanations; the first explanation may read stored silences. */
record EngineRules(Engine engine, BackendThreads threads) implements RulesBackend {
    @Override
    public KlaxonConfig config() {
        return engine.config();
    }

    @Override
    public long[] ruleHits() {
        return engine.ruleHits();
    }

    @Override
    public CompletableFuture<Decision> explain(String subject, byte[] body, Map<String, List<String>> headers) {
        return threads.read(() -> engine.explain(subject, body, headers));
    }
}
