package dev.klaxon.app.backend;

import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.decision.Decision;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

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

    /**
     * Team mode: the rules of the config file {@code candidate} tried on the last {@code since} of the team's stream,
     * next to the running config, as the lines {@code rules replay} prints. Off the FX thread; never sends.
     *
     * @param progress  told how many messages were replayed so far (on the replay's thread)
     * @param cancelled checked between messages; the result then fails with a cancellation
     */
    CompletableFuture<List<String>> tryOnHistory(Path candidate, Duration since, LongConsumer progress,
                                                 BooleanSupplier cancelled);
}
