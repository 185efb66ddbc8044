package dev.klaxon.app.backend.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Where the backend does what may block, so the FX thread never does: one thread for the operator's commands, which
 * must keep their order (add a silence, then extend it), and one for reads and checks, so a slow connection test
 * never holds up a silence.
 */
public final class BackendThreads implements AutoCloseable {
    private final ExecutorService commands = daemon("klaxon-console-commands");
    private final ExecutorService reads = daemon("klaxon-console-reads");

    /** Runs a read or a check; fails (never throws) once closed. */
    <T> CompletableFuture<T> read(Supplier<T> work) {
        return submit(reads, work);
    }

    /** Hands a command that answers with a future to the engine, in the order commands were asked for. */
    <T> CompletableFuture<T> command(Supplier<CompletableFuture<T>> command) {
        return submit(commands, command).thenCompose(answer -> answer);
    }

    /** Runs a command whose work is done when it returns. */
    <T> CompletableFuture<T> commandNow(Supplier<T> work) {
        return submit(commands, work);
    }

    private static <T> CompletableFuture<T> submit(ExecutorService thread, Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, thread);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the console is closing"));
        }
    }

    private static ExecutorService daemon(String name) {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Stops both threads; what was asked and not done fails. */
    @Override
    public void close() {
        commands.shutdownNow();
        reads.shutdownNow();
    }
}
