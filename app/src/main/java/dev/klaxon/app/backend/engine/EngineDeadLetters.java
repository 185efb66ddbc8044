package dev.klaxon.app.backend.engine;

import dev.klaxon.app.backend.DeadLettersBackend;
import dev.klaxon.engine.Engine;
import dev.klaxon.outbox.EventRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The outbox's dead letters. */
record EngineDeadLetters(Engine engine, BackendThreads threads) implements DeadLettersBackend {
    @Override
    public CompletableFuture<List<EventRecord>> list(int limit) {
        return threads.read(() -> engine.deadLetters(limit));
    }

    @Override
    public CompletableFuture<Void> resend(long id) {
        return threads.command(() -> engine.resendDeadLetter(id));
    }
}
