package dev.klaxon.delivery;

import dev.klaxon.audit.AuditLog;
import dev.klaxon.audit.DeliveryState;
import dev.klaxon.audit.ForwardedEvent;
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
import dev.klaxon.storage.StorageFiles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    private volatile SendGate gate = SendGate.OPEN;
    private final ExecutorService senders;
    private final Thread scheduler;
    private final UnrecordedAttempts unrecorded = new UnrecordedAttempts();
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
    /** When the scheduler last logged a failure of its own; it retries every 250 ms and must not log each time. */
    private Instant lastSchedulingWarning;

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

    /** Team mode's gate: set before {@link #start()}. */
    public void gate(SendGate newGate) {
        this.gate = newGate;
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
                // A database hiccup must not stop delivery for good: log (once a minute at most), wait, try again.
                warnAtMostOncePerMinute(e);
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
        List<PendingEvent> due = outbox.due(now, Math.max(room * 8, 64), Set.copyOf(inFlightKeys),
                unrecorded.waiting(now));
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
        // Decided before the outcome is written, so the event waits this long even if the write fails.
        Instant retryAt = clock.instant().plus(backoff.delay(unrecorded.attempts(event), null, random));
        try {
            String veto = gate.veto(event);
            if (veto != null) {
                recorded = outbox.markSuperseded(event.id(), veto).thenRun(() -> {
                    gate.settled(event, DeliveryState.SUPERSEDED);
                    audit(event, DeliveryState.SUPERSEDED, null, null, veto);
                });
            } else {
                SendOutcome outcome = send(event);
                if (outcome instanceof SendOutcome.RetryLater retry && retry.retryAfter() != null) {
                    retryAt = clock.instant().plus(backoff.delay(unrecorded.attempts(event), retry.retryAfter(),
                            random));
                }
                recorded = record(event, outcome, retryAt);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "delivering outbox event " + event.id() + " failed unexpectedly", e);
            recorded = outbox.markRetry(event.id(), retryAt, null, "internal error: " + e.getClass().getSimpleName());
        }
        Instant notBefore = retryAt;
        recorded.whenComplete((ignored, failure) -> {
            if (failure == null) {
                unrecorded.recorded(event.id());
            } else {
                // The file still says "due now" (or "pending" after a 202): keep to the backoff in memory. A full
                // disk is logged once by the outbox's health, not once per event.
                unrecorded.unrecorded(event.id(), notBefore);
                if (!StorageFiles.isStorage(failure)) {
                    LOG.log(Level.WARNING, "could not record the outcome of outbox event " + event.id(), failure);
                }
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

    private CompletableFuture<?> record(PendingEvent event, SendOutcome outcome, Instant retryAt) {
        Instant now = clock.instant();
        if (outcome instanceof SendOutcome.Accepted accepted) {
            reachability = Reachability.REACHABLE;
            lastAccepted = now;
            return outbox.markDelivered(event.id(), 202, accepted.dedupKey(), accepted.message())
                    .thenRun(() -> {
                        gate.settled(event, DeliveryState.DELIVERED);
                        audit(event, DeliveryState.DELIVERED, now, accepted.dedupKey(), accepted.message());
                    });
        }
        if (outcome instanceof SendOutcome.Rejected rejected) {
            if (rejected.status() != NO_HTTP_STATUS) {
                reachability = Reachability.REACHABLE;
            }
            String reason = rejected.errors().isEmpty() ? rejected.message()
                    : rejected.message() + ": " + String.join("; ", rejected.errors());
            lastProblem = reason;
            return outbox.markDeadLetter(event.id(), rejected.status(), reason)
                    .thenRun(() -> {
                        gate.settled(event, DeliveryState.DEAD_LETTER);
                        audit(event, DeliveryState.DEAD_LETTER, null, null, reason);
                    });
        }
        SendOutcome.RetryLater retry = (SendOutcome.RetryLater) outcome;
        if (retry.status() != null && retry.status() == TOO_MANY_REQUESTS) {
            rateLimited.computeIfAbsent(event.routingKeyRef(), ref -> new LongAdder()).increment();
        }
        reachability = Reachability.FAILING;
        lastProblem = retry.reason();
        return outbox.markRetry(event.id(), retryAt, retry.status(), retry.reason());
    }

    private void audit(PendingEvent event, DeliveryState state, Instant deliveredAt, String pdDedupKey,
                       String pdMessage) {
        audit.recordForwarded(new ForwardedEvent(event.receivedAt(), event.subject(), event.rule(),
                event.dedupKey(), event.eventAction(), event.bodyJson(), AttemptHistory.of(outbox, event.id()),
                state, deliveredAt,
                pdDedupKey, pdMessage)).thenAccept(committed -> {
                    if (committed) {
                        outbox.markAudited(List.of(event.id())); // else the next start audits it (AuditCatchUp)
                    }
                });
    }

    private void warnAtMostOncePerMinute(RuntimeException failure) {
        Instant now = clock.instant();
        if (lastSchedulingWarning == null || !now.isBefore(lastSchedulingWarning.plus(Duration.ofMinutes(1)))) {
            lastSchedulingWarning = now;
            LOG.warning("delivery scheduling failed, retrying every " + IDLE_WAIT_MILLIS + " ms: "
                    + failure.getMessage());
        }
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
