package dev.klaxon.app.backend.engine;

import dev.klaxon.app.backend.RulesBackend;
import dev.klaxon.config.ConfigException;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.decision.Decision;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.ReplayReportText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

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

    @Override
    public CompletableFuture<List<String>> tryOnHistory(Path candidate, Duration since, LongConsumer progress,
                                                        BooleanSupplier cancelled) {
        return threads.command(() -> {
            KlaxonConfig loaded;
            try {
                loaded = new ConfigLoader().load(candidate);
            } catch (ConfigException e) {
                return CompletableFuture.failedFuture(new IllegalArgumentException(e.getMessage(), e));
            }
            String stream = engine.config().nats().teamMode() ? engine.config().nats().jetstream().stream() : "";
            return engine.replayHistory(loaded, since, progress, cancelled)
                    .thenApply(report -> ReplayReportText.table(report, stream));
        });
    }
}
