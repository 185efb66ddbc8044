package dev.klaxon.team;

import java.util.concurrent.CompletableFuture;

/** What a person can do about the team from the console or the command line. Every change is audited. */
public interface TeamControl {
    /** What this member knows about its team now; never blocks. */
    TeamStatus status();

    /**
     * Makes this member the team's sender, taking the lease from whoever holds it; completes with a one-line
     * outcome, or fails with why not (an observer by config, team mode not running).
     */
    CompletableFuture<String> takeSender(String operator);

    /** Gives the lease up so another member sends; completes with a one-line outcome. */
    CompletableFuture<String> handOver(String operator);

    /** Core mode: there is no team. */
    static TeamControl none(java.time.Clock clock) {
        return new TeamControl() {
            @Override
            public TeamStatus status() {
                return TeamStatus.core(clock.instant());
            }

            @Override
            public CompletableFuture<String> takeSender(String operator) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "team mode is off: add nats.jetstream to the config"));
            }

            @Override
            public CompletableFuture<String> handOver(String operator) {
                return takeSender(operator);
            }
        };
    }
}
