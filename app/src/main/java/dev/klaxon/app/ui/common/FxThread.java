package dev.klaxon.app.ui.common;

import dev.klaxon.engine.Failures;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import javafx.application.Platform;

/**
 * The console's one way back to the FX thread from work it asked of the backend. Views never start threads of their
 * own: whatever may block is a backend call that answers with a future, and its outcome arrives here, on the FX
 * thread. (High-rate data takes the other road: the per-frame feed, read once per frame.)
 */
public final class FxThread {
    private FxThread() {
    }

    /** Delivers the outcome on the FX thread, the failure unwrapped from the future's wrappers (null on success). */
    public static <T> void whenDone(CompletableFuture<T> future, BiConsumer<T, Throwable> then) {
        future.whenComplete((value, failure) -> Platform.runLater(() -> then.accept(value,
                failure == null ? null : root(failure))));
    }

    /** Runs on the FX thread after the current pulse, e.g. a focus request the pulse's own focus pass would undo. */
    public static void later(Runnable work) {
        Platform.runLater(work);
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
}
