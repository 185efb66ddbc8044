package dev.klaxon.app.backend;

import java.util.concurrent.CompletableFuture;

/**
 * The team in team mode: who sends is read from each frame's snapshot ({@code EngineSnapshot.team()}); these are the
 * two things a person can do about it. Both are audited by the engine with the operator's name.
 */
public interface TeamBackend {
    /** Makes this console the team's sender; completes with a one-line outcome, or fails saying why not. */
    CompletableFuture<String> takeSender();

    /** Gives the sender role up so another member pages; completes with a one-line outcome. */
    CompletableFuture<String> handOver();
}
