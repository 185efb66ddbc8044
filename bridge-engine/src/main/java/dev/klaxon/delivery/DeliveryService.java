package dev.klaxon.delivery;

import dev.klaxon.audit.AuditLog;
import dev.klaxon.audit.DeliveryAttempt;
import dev.klaxon.audit.DeliveryState;
import dev.klaxon.audit.ForwardedEvent;
import dev.klaxon.outbox.AttemptRecord;
import dev.klaxon.outbox.Backoff;
import dev.klaxon.outbox.Endpoint;
import dev.klaxon.outbox.Outbox;
import dev.klaxon.outbox.PendingEvent;
import dev.klaxon.outbox.RoutingKeyBudget;
import dev.klaxon.pagerduty.EventKind;
import dev.klaxon.pagerduty.EventsApiClient;
import dev.klaxon.pagerduty.RoutingKey;
import dev.klaxon.pagerduty.SendOutcome;
import dev.klaxon.secret.SecretRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * Sends what the outbox holds to PagerDuty. One scheduling thread picks due events (only the oldest pending event
 * of each dedup_key, so a resolve never overtakes its trigger), charges each routing key's budget, and hands the
 * sends to a pool of at most {@code maxInFlight} threads. An event's outcome is committed to the outbox before its
 * dedup_key may be picked again. Events over budget or waiting for a retry simply stay pending: nothing is dropped.
 */
public final class DeliveryService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeliveryService.class.getName());
    /** How often the scheduler looks again when nobody wakes it: due retries and freed budgets are found by then. */
    private static final long IDLE_WAIT_MILLIS = 250;
    private static final int NO_HTTP_STATUS = 0;
    private static final int TOO_MANY_REQUESTS = 429;

    private final Outbox outbox;
    private final EventsApiClient client;
    private final RoutingKeyBudget budget;
    private final Backoff backoff;
    private final int maxInFlight;
    private final UnaryOperator<String> environment;
    private final Clock clock;
    private final AuditLog audit;
    private final RandomGenerator random;
    private final ExecutorService senders;
    private final Thread scheduler;
    private final Set<String> inFlightKeys = ConcurrentHashMap.newKeySet();
    private final Set<Long> inFlightIds = ConcurrentHashMap.newKeySet();
    /** 429s per routing key reference since start; bounded by the configured routing keys. */
    private final Map<String, LongAdder> rateLimited = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private boolean woken;
    private volatile boolean running = true;
    private volatile Reachability reachability = Reachability.UNKNOWN;
    private volatile String lastProblem;
    private volatile Instant lastAccepted;

    public DeliveryService(Outbox outbox, EventsApiClient client, RoutingKeyBudget budget, Backoff backoff,
                           int maxInFlight, UnaryOperator<String> environment, Clock clock, AuditLog audit,
                           RandomGenerator random) {
        this.outbox = outbox;
        this.client = client;
        this.budget = budget;
        this.backoff = backoff;
        this.maxInFlight = maxInFlight;
        this.environment = environment;
        this.clock = clock;
        this.audit = audit;
        this.random = random;
        this.senders = Executors.newFixedThreadPool(maxInFlight, runnable -> {
            Thread thread = new Thread(runnable, "klaxon-pagerduty-sender");
            thread.setDaemon(true);
            return thread;
        });
        this.scheduler = new Thread(this::schedule, "klaxon-delivery");
        this.scheduler.setDaemon(true);
    }

    /** Starts sending; pending rows left by an earlier run (even a killed one) are sent first. */
    public void start() {
        scheduler.start();
    }

    /** Something changed (an event was committed, time moved on in a test): look for work now. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public DeliveryStatus status() {
        Instant now = clock.instant();
        return new DeliveryStatus(outbox.stats(now), budget.usage(now), budget.limit(), reachability, lastProblem,
                lastAccepted, inFlightIds.size(), rateLimited());
    }

    private Map<String, Long> rateLimited() {
        Map<String, Long> counts = new TreeMap<>();
        rateLimited.forEach((ref, count) -> counts.put(ref, count.sum()));
        return counts;
    }

    private void schedule() {
        while (running) {
            try {
                dispatchDue();
                awaitWork();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A database hiccup must not stop delivery for good: log, wait, try again.
                LOG.log(Level.WARNING, "delivery scheduling failed; retrying", e);
                sleepQuietly();
            }
        }
    }

    private void dispatchDue() {
        int room = maxInFlight - inFlightIds.size();
        if (room <= 0) {
            return;
        }
        Instant now = clock.instant();
        // Ask for more than there is room for: some may belong to routing keys whose budget is spent.
        List<PendingEvent> due = outbox.due(now, Math.max(room * 8, 64), Set.copyOf(inFlightKeys));
        Set<String> spentKeys = new HashSet<>();
        for (PendingEvent event : due) {
            if (inFlightIds.size() >= maxInFlight) {
                return;
            }
            if (spentKeys.contains(event.routingKeyRef())
                    || (event.orderKey() != null && inFlightKeys.contains(event.orderKey()))) {
                continue;
            }
            if (!budget.tryAcquire(event.routingKeyRef(), now)) {
                spentKeys.add(event.routingKeyRef());
                continue;
            }
            if (event.orderKey() != null) {
                inFlightKeys.add(event.orderKey());
            }
            inFlightIds.add(event.id());
            senders.execute(() -> deliver(event));
        }
    }

    private void awaitWork() throws InterruptedException {
        lock.lock();
        try {
            if (!woken) {
                wakeUp.await(IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
            woken = false;
        } finally {
            lock.unlock();
        }
    }

    private void deliver(PendingEvent event) {
        CompletableFuture<?> recorded;
        try {
            recorded = record(event, send(event));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "delivering outbox event " + event.id() + " failed unexpectedly", e);
            recorded = outbox.markRetry(event.id(), clock.instant().plus(backoff.delay(event.attempts(), null, random)),
                    null, "internal error: " + e.getClass().getSimpleName());
        }
        recorded.whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "could not record the outcome of outbox event " + event.id(), failure);
            }
            // Only now may the next event of this dedup_key go: its predecessor's outcome is committed.
            if (event.orderKey() != null) {
                inFlightKeys.remove(event.orderKey());
            }
            inFlightIds.remove(event.id());
            wake();
        });
    }

    private SendOutcome send(PendingEvent event) {
        RoutingKey key;
        try {
            key = RoutingKey.of(SecretRef.fromStored(event.routingKeyRef()).resolve(environment));
        } catch (SecretRef.SecretUnavailableException | IllegalArgumentException e) {
            return new SendOutcome.Rejected(NO_HTTP_STATUS, "routing key unavailable: " + e.getMessage(), List.of());
        }
        try {
            return client.send(event.endpoint() == Endpoint.CHANGE ? EventKind.CHANGE : EventKind.ALERT,
                    event.bodyJson(), key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.RetryLater(null, "interrupted while sending", null);
        }
    }

    private CompletableFuture<?> record(PendingEvent event, SendOutcome outcome) {
        Instant now = clock.instant();
        if (outcome instanceof SendOutcome.Accepted accepted) {
            reachability = Reachability.REACHABLE;
            lastAccepted = now;
            return outbox.markDelivered(event.id(), 202, accepted.dedupKey(), accepted.message())
                    .thenRun(() -> audit(event, DeliveryState.DELIVERED, now, accepted.dedupKey(), accepted.message()));
        }
        if (outcome instanceof SendOutcome.Rejected rejected) {
            if (rejected.status() != NO_HTTP_STATUS) {
                reachability = Reachability.REACHABLE;
            }
            String reason = rejected.errors().isEmpty() ? rejected.message()
                    : rejected.message() + ": " + String.join("; ", rejected.errors());
            lastProblem = reason;
            return outbox.markDeadLetter(event.id(), rejected.status(), reason)
                    .thenRun(() -> audit(event, DeliveryState.DEAD_LETTER, null, null, reason));
        }
        SendOutcome.RetryLater retry = (SendOutcome.RetryLater) outcome;
        if (retry.status() != null && retry.status() == TOO_MANY_REQUESTS) {
            rateLimited.computeIfAbsent(event.routingKeyRef(), ref -> new LongAdder()).increment();
        }
        reachability = Reachability.FAILING;
        lastProblem = retry.reason();
        Duration delay = backoff.delay(event.attempts(), retry.retryAfter(), random);
        return outbox.markRetry(event.id(), now.plus(delay), retry.status(), retry.reason());
    }

    private void audit(PendingEvent event, DeliveryState state, Instant deliveredAt, String pdDedupKey,
                       String pdMessage) {
        List<DeliveryAttempt> attempts = new ArrayList<>();
        for (AttemptRecord attempt : outbox.attempts(event.id())) {
            attempts.add(new DeliveryAttempt(attempt.at(), attempt.httpStatus(), attempt.message()));
        }
        audit.recordForwarded(new ForwardedEvent(event.receivedAt(), event.subject(), event.rule(),
                event.dedupKey(), event.eventAction(), event.bodyJson(), attempts, state, deliveredAt,
                pdDedupKey, pdMessage));
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(IDLE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops picking new events and waits briefly for sends in flight; what is still pending stays in the outbox. */
    @Override
    public void close() {
        running = false;
        wake();
        senders.shutdown();
        try {
            scheduler.join(2_000);
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senders.shutdownNow();
    }
}
