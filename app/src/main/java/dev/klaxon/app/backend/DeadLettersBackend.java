package dev.klaxon.app.backend;

import dev.klaxon.outbox.EventRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Events PagerDuty refused for good, and sending one again. */
public interface DeadLettersBackend {
    /** The newest dead letters first, at most {@code limit}. */
    CompletableFuture<List<EventRecord>> list(int limit);

    /** Puts a dead letter back in the outbox to be sent again; completes once that is committed. */
    CompletableFuture<Void> resend(long id);
}
