package dev.klaxon.app.backend;

import dev.klaxon.guard.SilenceRecord;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The stored silences; adding one is an {@link ActionsBackend action}, since several views offer it. */
public interface SilencesBackend {
    /** Every silence, newest first. */
    CompletableFuture<List<SilenceRecord>> list();

    /** Ends a silence now; fails when it does not exist or has already ended. */
    CompletableFuture<Boolean> expire(long id);

    /** Moves the end of a silence that has not ended. */
    CompletableFuture<Boolean> extend(long id, Instant newEnd);
}
