package dev.klaxon.engine;

import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.guard.PagerGuards;
import dev.klaxon.guard.Silence;
import dev.klaxon.guard.SilenceRecord;
import dev.klaxon.stats.TailEntry;
import dev.klaxon.team.StreamHistory;
import dev.klaxon.team.TeamSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;

/**
 * The team's stream read back for a person: a rules change tried on history, and older messages of a subject. Two
 * threads of their own, so a long replay never holds up processing and a browse never waits behind a replay; both
 * stop with the engine. Never sends, never acknowledges, never counts.
 */
final class HistoryReads implements AutoCloseable {
    private static final int READERS = 2;

    private final TeamSession team;
    /** The engine's config as it runs now: a reload changes what "current" means for a replay. */
    private final java.util.function.Supplier<KlaxonConfig> config;
    private final Clock clock;
    private final UnaryOperator<String> environment;
    private final MessageProcessor processor;
    private final PagerGuards guards;
    private final TeamPaging paging;
    private final int tailBodyBytes;
    private final ExecutorService readers;

    HistoryReads(TeamSession team, java.util.function.Supplier<KlaxonConfig> config, Clock clock, EngineOptions options, MessageProcessor processor,
                 PagerGuards guards, TeamPaging paging) {
        this.team = team;
        this.config = config;
        this.clock = clock;
        this.environment = options.environment();
        this.processor = processor;
        this.guards = guards;
        this.paging = paging;
        this.tailBodyBytes = options.statsLimits().tailBodyBytes();
        AtomicInteger count = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(READERS, runnable -> {
            Thread thread = new Thread(runnable, "klaxon-history-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @param audited   what this member's audit says was paged since a time, read on the replay's thread
     * @param progress  told the number of messages replayed so far, on the replay's thread
     * @param cancelled checked between messages
     */
    CompletableFuture<ReplayReport> replay(KlaxonConfig candidate, Duration since,
                                           Function<Instant, AuditedPages> audited, LongConsumer progress,
                                           BooleanSupplier cancelled) {
        if (team == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("trying rules on history needs team "
                    + "mode: the team's stream is the history (nats.jetstream)"));
        }
        StreamHistory history = team.history();
        if (history == null) {
            return CompletableFuture.failedFuture(notConnected());
        }
        List<Silence> silences = team.silences().all().stream().map(SilenceRecord::silence).toList();
        Instant from = clock.instant().minus(since);
        return CompletableFuture.supplyAsync(() -> {
            long[] count = {0};
            RulesReplay replay = new RulesReplay(config.get(), candidate, silences, environment, audited.apply(from));
            read(() -> history.read(from, message -> {
                replay.accept(message);
                progress.accept(++count[0]);
            }, cancelled));
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled after " + count[0] + " message(s)");
            }
            return replay.report();
        }, readers);
    }

    /** Up to {@code limit} messages of {@code subject} stored before {@code beforeSequence}, as they would be decided. */
    CompletableFuture<List<TailEntry>> older(String subject, long beforeSequence, Instant before, int limit) {
        StreamHistory history = team == null ? null : team.history();
        if (history == null) {
            return CompletableFuture.failedFuture(team == null ? new IllegalStateException("older messages come "
                    + "from the team's stream: team mode (nats.jetstream) keeps them") : notConnected());
        }
        return CompletableFuture.supplyAsync(() -> read(() -> history.before(subject, beforeSequence, before, limit))
                .stream()
                .map(message -> TailEntry.ofHistory(message, paging.watched(message,
                        guards.explain(processor.explain(message))), tailBodyBytes))
                .toList(), readers);
    }

    private interface StreamRead<T> {
        T read() throws IOException, InterruptedException;
    }

    private static <T> T read(StreamRead<T> reading) {
        try {
            return reading.read();
        } catch (IOException e) {
            throw new CompletionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    private static IllegalStateException notConnected() {
        return new IllegalStateException("not connected to NATS: the stream cannot be read now");
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
