package dev.klaxon.app.backend.engine;

import dev.klaxon.app.backend.SilencesBackend;
import dev.klaxon.engine.Engine;
import dev.klaxon.guard.SilenceRecord;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The engine's silence store. */
record EngineSilences(Engine engine, BackendThreads threads) implements SilencesBackend {
    @Override
    public CompletableFuture<List<SilenceRecord>> list() {
        return threads.command(engine::silences);
    }

    @Override
    public CompletableFuture<Boolean> expire(long id) {
        return threads.command(() -> engine.expireSilence(id));
    }

    @Override
    public CompletableFuture<Boolean> extend(long id, Instant newEnd) {
        return threads.command(() -> engine.extendSilence(id, newEnd));
    }
}
