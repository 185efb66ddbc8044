package dev.klaxon.app.ui.common;

import dev.klaxon.engine.Failures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * One daemon thread on which console views talk to the engine (silences, escalations, flood reads), and the way back
 * to the FX thread. Even handing a command to the engine may touch a database or a lock, which is not the FX
 * thread's business; the answer comes back with {@link #onFx}.
 */
public final class Background implements AutoCloseable {
    private final ExecutorService thread;

    public Background(String name) {
        thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code work} on the background thread; fails (never throws) once closed. */
    public <T> CompletableFuture<T> supply(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, thread);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the console is closing"));
        }
    }

    /** Hands a command that answers with a future to the engine from the background thread. */
    public <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> command) {
        return supply(command).thenCompose(answer -> answer);
    }

    /** Delivers the outcome on the FX thread, with the failure unwrapped from the future's wrappers. */
    public static <T> void onFx(CompletableFuture<T> future, BiConsumer<T, Throwable> then) {
        future.whenComplete((value, failure) -> Platform.runLater(() -> then.accept(value,
                failure == null ? null : root(failure))));
    }

    /** What went wrong in one line for a person: the innermost cause's message. */
    public static String message(Throwable failure) {
        return Formats.oneLine(Failures.rootMessage(failure), 300);
    }

    private static Throwable root(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
