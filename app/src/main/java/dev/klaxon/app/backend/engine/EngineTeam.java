package dev.klaxon.app.backend.engine;

import dev.klaxon.app.backend.TeamBackend;
import dev.klaxon.engine.Engine;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's team control, with the console's user as the operator. A lease change writes to the KV bucket over
 * the network: it runs on the command thread and only its outcome comes back.
 */
record EngineTeam(Engine engine, String operator, BackendThreads threads) implements TeamBackend {
    @Override
    public CompletableFuture<String> takeSender() {
        return threads.command(() -> engine.team().takeSender(operator));
    }

    @Override
    public CompletableFuture<String> handOver() {
        return threads.command(() -> engine.team().handOver(operator));
    }
}
