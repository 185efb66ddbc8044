package dev.klaxon.app.backend;

import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.decision.Decision;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The routes the engine runs with, how often each decided, and what the engine would decide for a message. */
public interface RulesBackend {
    /** The configuration the engine runs with (routes, guards). */
    KlaxonConfig config();

    /** Live messages each route decided since start, indexed like {@code config().routes()} (memory). */
    long[] ruleHits();

    /**
     * What the engine would decide for this message now, without counting or sending it; fails with an
     * {@link IllegalArgumentException} for a subject or body it cannot take.
     */
    CompletableFuture<Decision> explain(String subject, byte[] body, Map<String, List<String>> headers);
}
