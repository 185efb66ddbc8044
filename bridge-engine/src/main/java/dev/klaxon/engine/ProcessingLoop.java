package dev.klaxon.engine;

import dev.klaxon.decision.Decision;
import dev.klaxon.engine.MessageProcessor.SubjectRouting;
import dev.klaxon.guard.AcceptedSignatures;
import dev.klaxon.guard.PagerGuards;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.stats.LiveStats;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's one processing thread: takes batches from the ingest queue, decides each message, passes the
 * decision through the pager guards, hands its events to the outbox and only then counts it in the live stats, so
 * what is counted is what the outbox took. One thread keeps per-subject order and makes stats single-writer. A
 * failure on one message becomes a rejection of that message; it never stops the loop.
 */
final class ProcessingLoop implements Runnable {
    /** Turns a decision into the one that is counted, once its events went to the outbox (or could not). */
    @FunctionalInterface
    interface CommitStage {
        Decision commit(InboundMessage message, Decision decision);
    }

    private static final Logger LOG = Logger.getLogger(ProcessingLoop.class.getName());
    private static final int BATCH = 512;
    /** How often the guards get a tick (flood updates and ends) when messages keep coming. */
    private static final long TICK_MILLIS = 100;

    private final IngestQueue queue;
    private final MessageProcessor processor;
    private final PagerGuards guards;
    private final CommitStage outbox;
    private final LiveStats stats;
    private final KnownSubjects known = new KnownSubjects();
    private final Clock clock;
    private final TeamPaging team;
    /** Signatures this engine accepted, to refuse replays; null when no route requires a signature. */
    private final AcceptedSignatures acceptedSignatures;
    private final CountDownLatch finished = new CountDownLatch(1);
    /** Work that must happen between two messages on this thread (a reload swapping the rules). */
    private final Queue<Runnable> betweenMessages = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;
    private long lastTick;

    ProcessingLoop(IngestQueue queue, MessageProcessor processor, PagerGuards guards, CommitStage outbox,
                   LiveStats stats, Clock clock, TeamPaging team, AcceptedSignatures acceptedSignatures) {
        this.team = team;
        this.acceptedSignatures = acceptedSignatures;
        this.queue = queue;
        this.processor = processor;
        this.guards = guards;
        this.outbox = outbox;
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public void run() {
        List<InboundMessage> batch = new ArrayList<>(BATCH);
        try {
            while (true) {
                batch.clear();
                if (queue.take(batch, BATCH, TICK_MILLIS) == 0) {
                    runBetweenMessages();
                    tick();
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                // One clock read decides the whole batch: it is processed within a millisecond or so, and a read
                // per message was a measurable share of the per-message cost.
                Instant now = clock.instant();
                for (InboundMessage message : batch) {
                    process(message, now);
                }
                runBetweenMessages();
                if (System.nanoTime() - lastTick >= TICK_MILLIS * 1_000_000) {
                    tick();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished.countDown();
        }
    }

    /**
     * Runs {@code task} on this thread after the message being decided now (at most one batch later, or one tick
     * when idle): every message is decided wholly before it or wholly after it.
     *
     * @return completes when the task ran, or exceptionally with what it threw
     */
    CompletableFuture<Void> betweenMessages(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        betweenMessages.add(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private void runBetweenMessages() {
        Runnable task;
        while ((task = betweenMessages.poll()) != null) {
            task.run();
        }
    }

    private void process(InboundMessage message, Instant now) {
        KnownSubjects.Known subject = known.of(message);
        if (TeamPaging.watchedOnly(message)) {
            watch(message, subject, now);
            return;
        }
        Decision decision;
        try {
            SubjectRouting routing = known.routing(message, subject, processor);
            // A JetStream redelivery carries the same signature as the first delivery, which may never have been
            // committed: it is not a replay, so it is neither checked nor remembered.
            long sequence = team.sequence(message);
            decision = TeamPaging.redelivered(message)
                    ? guards.applyRedelivered(processor.decide(message, routing, null, now), sequence)
                    : guards.apply(processor.decide(message, routing, acceptedSignatures, now), sequence);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(Level.WARNING, "internal error deciding a message on " + message.subject(), e);
            decision = Decision.rejected(clock.instant(), message.subject(),
                    "internal error while processing: " + e.getClass().getSimpleName());
        }
        try {
            decision = outbox.commit(message, decision);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "internal error handing an event of " + message.subject() + " to the outbox", e);
            decision = Decision.rejected(clock.instant(), message.subject(),
                    "lost: internal error before the outbox: " + e.getClass().getSimpleName());
        }
        count(message, subject, decision);
        team.decided(message);
    }

    /**
     * A message this member only watches (team mode, not the sender): decided as the guards would without changing
     * their state, shown, never paged: the team's sender pages it.
     */
    private void watch(InboundMessage message, KnownSubjects.Known subject, Instant now) {
        Decision decision;
        try {
            // Its signature is remembered like the sender's: the member that sends next refuses a replay of it.
            SubjectRouting routing = known.routing(message, subject, processor);
            decision = team.watched(message, guards.explain(processor.decide(message, routing, acceptedSignatures,
                    now)));
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(Level.WARNING, "internal error deciding a watched message on " + message.subject(), e);
            decision = Decision.rejected(clock.instant(), message.subject(),
                    "internal error while processing: " + e.getClass().getSimpleName());
        }
        count(message, subject, decision);
    }

    /**
     * Counts the decision under the message's subject, through the stats slot kept with the subject; a subject that
     * cannot be tracked by name goes to the invalid bucket (always, for a given subject: the reason is in its text).
     */
    private void count(InboundMessage message, KnownSubjects.Known subject, Decision decision) {
        try {
            if (MessageProcessor.subjectIsInvalid(decision, message)) {
                stats.record(message, decision, LiveStats.INVALID_SUBJECTS);
            } else if (subject == null) {
                stats.record(message, decision, null);
            } else {
                if (subject.stats == null) {
                    subject.stats = stats.slot(message.subject());
                }
                stats.record(subject.stats, message, decision);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "counting a decision failed on " + message.subject(), e);
        }
    }

    private void tick() {
        lastTick = System.nanoTime();
        try {
            guards.tick(clock.instant());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the guards' tick failed; trying again on the next", e);
        }
    }

    /** Finishes what is queued, then stops; waits at most {@code timeoutMillis}. */
    boolean stop(long timeoutMillis) throws InterruptedException {
        stopping = true;
        return finished.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
