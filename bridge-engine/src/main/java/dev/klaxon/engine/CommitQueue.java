package dev.klaxon.engine;

import dev.klaxon.outbox.NewEvent;
import dev.klaxon.outbox.Outbox;
import dev.klaxon.storage.StorageHealth;
import dev.klaxon.storage.StorageState;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Where events for PagerDuty wait between the processing thread and the outbox file, and what keeps them when the
 * file refuses writes. A full disk used to fail each commit once and drop its events with a log line, while the
 * decision still said "forwarded"; now they are held and committed when space returns.
 *
 * <ul>
 *   <li><b>Bounded.</b> At most {@link OutboxHold} events and bytes wait, counting the commit in flight. Past it,
 *       {@link #offer} refuses: the events are lost, counted in {@link #lost()}, and the caller says so.</li>
 *   <li><b>In order.</b> One commit at a time, and a failed one goes back to the front, so outbox ids follow
 *       arrival order: a resolve never gets an id below its trigger's. While one commit runs, later events gather
 *       and go together in the next: group commit, as the outbox writer does.</li>
 *   <li><b>Retried by itself.</b> After a failed commit the next try waits {@link #FIRST_RETRY}, doubling up to
 *       {@link #MAX_RETRY}, so a full disk is not hammered; the first commit that succeeds resets it and the rest
 *       follow at once. No person has to act when space returns.</li>
 * </ul>
 * What still waits when the engine stops gets one last attempt; if that fails it is lost and logged.
 */
final class CommitQueue implements AutoCloseable {
    static final Duration FIRST_RETRY = Duration.ofMillis(250);
    static final Duration MAX_RETRY = Duration.ofSeconds(5);
    private static final int MAX_EVENTS_PER_COMMIT = 2_048;
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    private static final Logger LOG = Logger.getLogger(CommitQueue.class.getName());

    /** What became of offered events. */
    enum Kind {
        /** Handed to a healthy outbox: committed in a moment. */
        COMMITTING,
        /** Storage refuses writes: waiting in memory until it takes them. */
        HELD,
        /** Not kept: the hold is full (or the engine is stopping). */
        LOST
    }

    /**
     * @param ids     completes with the outbox ids once committed; fails if the events are lost
     * @param storage the outbox's health when they were offered
     */
    record Admission(Kind kind, CompletableFuture<List<Long>> ids, StorageHealth.Reading storage) {
    }

    private record Batch(List<NewEvent> events, long bytes, CompletableFuture<List<Long>> ids) {
    }

    private final Outbox outbox;
    private final OutboxHold limit;
    private final Runnable committed;
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();
    // Guarded by lock.
    private final ArrayDeque<Batch> waiting = new ArrayDeque<>();
    private int heldEvents;
    private long heldBytes;
    private long lost;
    private boolean committing;
    private boolean retryScheduled;
    private boolean lastCommitFailed;
    private Duration retryDelay = FIRST_RETRY;
    private boolean closing;

    /** @param committed run after each successful commit: wakes delivery */
    CommitQueue(Outbox outbox, OutboxHold limit, Runnable committed) {
        this.outbox = outbox;
        this.limit = limit;
        this.committed = committed;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "klaxon-outbox-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Takes {@code events} for the outbox if there is room; never blocks on the disk. */
    Admission offer(List<NewEvent> events) {
        long bytes = 0;
        for (NewEvent event : events) {
            bytes += event.bodyJson().length();
        }
        StorageHealth.Reading storage = outbox.health();
        Batch batch = new Batch(List.copyOf(events), bytes, new CompletableFuture<>());
        Kind kind;
        synchronized (lock) {
            if (closing || heldEvents + events.size() > limit.events() || heldBytes + bytes > limit.bytes()) {
                lost += events.size();
                batch.ids().completeExceptionally(new IllegalStateException(closing ? "the engine is stopping"
                        : "lost: " + heldEvents + " events already wait in memory for the outbox (the limit is "
                        + limit.events() + ")" + (storage.problem() == null ? "" : ": " + storage.problem())));
                return new Admission(Kind.LOST, batch.ids(), storage);
            }
            heldEvents += events.size();
            heldBytes += bytes;
            waiting.addLast(batch);
            kind = retryScheduled || storage.state() != StorageState.OK ? Kind.HELD : Kind.COMMITTING;
        }
        pump();
        return new Admission(kind, batch.ids(), storage);
    }

    /** Events accepted and not yet committed. */
    int held() {
        synchronized (lock) {
            return heldEvents;
        }
    }

    /** Events lost since start: refused by a full hold, or still waiting when the engine stopped. */
    long lost() {
        synchronized (lock) {
            return lost;
        }
    }

    OutboxHold limit() {
        return limit;
    }

    /** Starts a commit of what waits, unless one runs or a retry is scheduled. */
    private void pump() {
        List<Batch> taken = new ArrayList<>();
        synchronized (lock) {
            if (committing || retryScheduled || waiting.isEmpty()) {
                return;
            }
            int count = 0;
            while (!waiting.isEmpty()
                    && (taken.isEmpty() || count + waiting.peekFirst().events().size() <= MAX_EVENTS_PER_COMMIT)) {
                Batch batch = waiting.pollFirst();
                taken.add(batch);
                count += batch.events().size();
            }
            committing = true;
        }
        List<NewEvent> events = new ArrayList<>();
        taken.forEach(batch -> events.addAll(batch.events()));
        outbox.enqueue(events).whenComplete((ids, failure) -> finished(taken, ids, failure));
    }

    private void finished(List<Batch> taken, List<Long> ids, Throwable failure) {
        if (failure == null) {
            synchronized (lock) {
                committing = false;
                lastCommitFailed = false;
                retryDelay = FIRST_RETRY;
                for (Batch batch : taken) {
                    heldEvents -= batch.events().size();
                    heldBytes -= batch.bytes();
                }
                lock.notifyAll();
            }
            int offset = 0;
            for (Batch batch : taken) {
                batch.ids().complete(List.copyOf(ids.subList(offset, offset + batch.events().size())));
                offset += batch.events().size();
            }
            committed.run();
            pump();
            return;
        }
        synchronized (lock) {
            committing = false;
            lastCommitFailed = true;
            for (int i = taken.size() - 1; i >= 0; i--) {
                waiting.addFirst(taken.get(i)); // back in front, in their order: ids keep arrival order
            }
            lock.notifyAll();
            if (closing) {
                return; // close() decides what happens to them
            }
            retryScheduled = true;
            Duration delay = retryDelay;
            retryDelay = retryDelay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retryDelay.multipliedBy(2);
            try {
                timer.schedule(this::retry, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                retryScheduled = false; // closing raced us; close() handles what waits
            }
        }
    }

    private void retry() {
        synchronized (lock) {
            retryScheduled = false;
        }
        pump();
    }

    /**
     * Gives what waits one last commit (waiting up to five seconds); whatever storage still refuses is lost, counted
     * and logged, since nothing will be left to retry it.
     */
    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (lock) {
            closing = true;
            retryScheduled = false;
            lastCommitFailed = false;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        List<Batch> left = new ArrayList<>();
        try {
            while (true) {
                synchronized (lock) {
                    long remaining;
                    while (committing && (remaining = deadline - System.nanoTime()) > 0) {
                        lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
                    }
                    if (committing || waiting.isEmpty() || lastCommitFailed) {
                        break;
                    }
                }
                pump();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int count = 0;
        synchronized (lock) {
            left.addAll(waiting);
            waiting.clear();
            for (Batch batch : left) {
                count += batch.events().size();
                heldEvents -= batch.events().size();
                heldBytes -= batch.bytes();
            }
            lost += count;
        }
        if (count > 0) {
            StorageHealth.Reading storage = outbox.health();
            LOG.severe(count + " event(s) for PagerDuty were still waiting for storage when the engine stopped "
                    + "and are lost" + (storage.problem() == null ? "" : ": " + storage.problem()));
            IllegalStateException failure = new IllegalStateException("lost: still waiting for storage when the "
                    + "engine stopped");
            left.forEach(batch -> batch.ids().completeExceptionally(failure));
        }
    }
}
