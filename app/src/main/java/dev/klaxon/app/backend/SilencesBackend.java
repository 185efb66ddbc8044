package dev.klaxon.app.backend;

import dev.klaxon.guard.SilenceRecord;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The stored silences; adding one is an {@link ActionsBackend action}, since several views offer it. */
public interface SilencesBackend {
    /** Where the silences are kept, in words: this laptop's silences.db, or the team's KV bucket. */
    String where();

    /** Every silence, newest first. */
    CompletableFuture<List<SilenceRecord>> list();

    /**
     * Ends a silence now; fails when it does not exist or has already ended, or (team mode) when someone changed it
     * after {@code seen} was read, saying who and what it is now.
     */
    CompletableFuture<Boolean> expire(SilenceRecord seen);

    /** Moves the end of a silence that has not ended; fails as {@link #expire} does. */
    CompletableFuture<Boolean> extend(SilenceRecord seen, Instant newEnd);

    /** Team mode: how many silences of this laptop's own file have not ended and are not the team's. */
    CompletableFuture<Integer> unshared();

    /** Team mode: moves those into the team's silences; how many moved. */
    CompletableFuture<Integer> share();
}
