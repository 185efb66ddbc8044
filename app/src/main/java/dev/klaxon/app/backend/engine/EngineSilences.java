package dev.klaxon.app.backend.engine;

import dev.klaxon.app.backend.SilencesBackend;
import dev.klaxon.engine.Engine;
import dev.klaxon.guard.SilenceRecord;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The engine's silences: this laptop's file, or the team's in team mode. */
record EngineSilences(Engine engine, BackendThreads threads) implements SilencesBackend {
    @Override
    public String where() {
        return engine.silencesWhere();
    }

    @Override
    public CompletableFuture<List<SilenceRecord>> list() {
        return threads.command(engine::silences);
    }

    @Override
    public CompletableFuture<Boolean> expire(SilenceRecord seen) {
        return threads.command(() -> engine.expireSilence(seen.silence().id(), seen.revision()));
    }

    @Override
    public CompletableFuture<Boolean> extend(SilenceRecord seen, Instant newEnd) {
        return threads.command(() -> engine.extendSilence(seen.silence().id(), newEnd, seen.revision()));
    }

    @Override
    public CompletableFuture<Integer> unshared() {
        return threads.command(() -> engine.unsharedSilences().thenApply(List::size));
    }

    @Override
    public CompletableFuture<Integer> share() {
        return threads.command(engine::shareLocalSilences);
    }
}
