package dev.klaxon.metrics;

import dev.klaxon.decision.Outcome;
import dev.klaxon.delivery.DeliveryStatus;
import dev.klaxon.delivery.Reachability;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.nats.ConnectionState;
import dev.klaxon.outbox.OutboxStats;
import dev.klaxon.stats.SubjectSnapshot;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The engine's numbers as Prometheus metrics, read at scrape time from one snapshot per scrape (the callbacks of
 * one scrape share it). Label cardinality is bounded: outcomes are an enum, routing keys are the config's references
 * (never a key), and subjects are only the {@value #TOP_SUBJECTS} busiest.
 */
public final class EngineMetrics {
    /** Subjects exported by name; the engine's own subject cap bounds the rest, which are not exported. */
    public static final int TOP_SUBJECTS = 20;
    /** Callbacks of one scrape run within this of each other: they share one snapshot. */
    private static final Duration SHARED = Duration.ofMillis(500);

    private final Engine engine;
    private final Clock clock;
    private Instant takenAt = Instant.EPOCH;
    private EngineSnapshot snapshot;
    private List<FloodStatus> floods = List.of();

    private EngineMetrics(Engine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** A registry with the engine's metrics and the JVM's. */
    public static PrometheusRegistry registry(Engine engine, Clock clock) {
        PrometheusRegistry registry = new PrometheusRegistry();
        new EngineMetrics(engine, clock).register(registry);
        JvmMetrics.builder().register(registry);
        return registry;
    }

    private synchronized EngineSnapshot snapshot() {
        Instant now = clock.instant();
        if (snapshot == null || now.isAfter(takenAt.plus(SHARED))) {
            snapshot = engine.snapshot();
            floods = engine.floods();
            takenAt = now;
        }
        return snapshot;
    }

    private synchronized List<FloodStatus> floods() {
        snapshot();
        return floods;
    }

    private void register(PrometheusRegistry registry) {
        CounterWithCallback.builder().name("klaxon_messages_received")
                .help("Messages received from NATS")
                .callback(cb -> cb.call(snapshot().ingest().received())).register(registry);
        CounterWithCallback.builder().name("klaxon_messages_dropped")
                .help("Messages lost before a decision, by where: the engine's full queue, or the NATS client's "
                        + "pending limits")
                .labelNames("where")
                .callback(cb -> {
                    cb.call(snapshot().ingest().overflowed(), "queue_full");
                    cb.call(snapshot().ingest().clientDropped(), "client");
                }).register(registry);
        CounterWithCallback.builder().name("klaxon_messages_decided")
                .help("Messages decided, by outcome")
                .labelNames("outcome")
                .callback(cb -> {
                    EngineSnapshot current = snapshot();
                    for (Outcome outcome : Outcome.values()) {
                        cb.call(current.total(outcome), outcome.label());
                    }
                }).register(registry);
        CounterWithCallback.builder().name("klaxon_subject_messages")
                .help("Messages per subject, for the " + TOP_SUBJECTS + " busiest subjects only")
                .labelNames("subject")
                .callback(cb -> snapshot().subjects().stream()
                        .sorted(Comparator.comparingLong(SubjectSnapshot::total).reversed())
                        .limit(TOP_SUBJECTS)
                        .forEach(subject -> cb.call(subject.total(), subject.subject())))
                .register(registry);
        GaugeWithCallback.builder().name("klaxon_ingest_queue_depth")
                .help("Messages waiting in the engine's queue")
                .callback(cb -> cb.call(snapshot().ingest().queueDepth())).register(registry);
        GaugeWithCallback.builder().name("klaxon_nats_connected")
                .help("1 when connected to NATS, else 0")
                .callback(cb -> cb.call(snapshot().connection() != null
                        && snapshot().connection().state() == ConnectionState.CONNECTED ? 1 : 0)).register(registry);
        registerDelivery(registry);
        GaugeWithCallback.builder().name("klaxon_floods")
                .help("Subjects (or routing keys) in flood state now")
                .callback(cb -> cb.call(floods().size())).register(registry);
        GaugeWithCallback.builder().name("klaxon_flood_held")
                .help("Triggers held by flood state now, over every flood")
                .callback(cb -> cb.call(floods().stream().mapToLong(FloodStatus::held).sum())).register(registry);
        GaugeWithCallback.builder().name("klaxon_storage_ok")
                .help("1 when storage takes writes, else 0 (events then wait in memory)")
                .callback(cb -> cb.call(snapshot().storage().state() == dev.klaxon.storage.StorageState.OK ? 1 : 0))
                .register(registry);
        CounterWithCallback.builder().name("klaxon_storage_lost_events")
                .help("Events lost because storage could not keep them")
                .callback(cb -> cb.call(snapshot().storage().lost())).register(registry);
        GaugeWithCallback.builder().name("klaxon_team_sending")
                .help("Team mode: 1 when this member holds the sender lease, else 0")
                .callback(cb -> cb.call(snapshot().team().sending() ? 1 : 0)).register(registry);
    }

    private void registerDelivery(PrometheusRegistry registry) {
        GaugeWithCallback.builder().name("klaxon_outbox_pending")
                .help("Events waiting in the outbox for PagerDuty, by routing-key reference")
                .labelNames("routing_key")
                .callback(cb -> outbox().pendingByRoutingKeyRef().forEach((ref, pending) -> cb.call(pending, ref)))
                .register(registry);
        GaugeWithCallback.builder().name("klaxon_outbox_oldest_pending_seconds")
                .help("How long the oldest pending event has waited")
                .callback(cb -> cb.call(outbox().oldestPendingAge() == null ? 0
                        : outbox().oldestPendingAge().toMillis() / 1000.0)).register(registry);
        GaugeWithCallback.builder().name("klaxon_outbox_dead_letters")
                .help("Events PagerDuty refused, kept as dead letters")
                .callback(cb -> cb.call(outbox().deadLetters())).register(registry);
        GaugeWithCallback.builder().name("klaxon_pagerduty_delivered_last_minute")
                .help("Events PagerDuty accepted in the last minute")
                .callback(cb -> cb.call(outbox().deliveredLastMinute())).register(registry);
        GaugeWithCallback.builder().name("klaxon_pagerduty_reachable")
                .help("1 when PagerDuty answered the last send, 0 when failing, -1 before any send")
                .callback(cb -> {
                    DeliveryStatus delivery = snapshot().delivery();
                    Reachability reach = delivery == null ? Reachability.UNKNOWN : delivery.reachability();
                    cb.call(reach == Reachability.REACHABLE ? 1 : reach == Reachability.FAILING ? 0 : -1);
                }).register(registry);
        GaugeWithCallback.builder().name("klaxon_budget_used")
                .help("Pages sent in the current minute, by routing-key reference, against klaxon_budget_limit")
                .labelNames("routing_key")
                .callback(cb -> budget().forEach((ref, used) -> cb.call(used, ref))).register(registry);
        GaugeWithCallback.builder().name("klaxon_budget_limit")
                .help("Pages a routing key may send per minute (pagerduty.budget_per_minute)")
                .callback(cb -> {
                    DeliveryStatus delivery = snapshot().delivery();
                    cb.call(delivery == null ? 0 : delivery.budgetLimit());
                }).register(registry);
        CounterWithCallback.builder().name("klaxon_pagerduty_rate_limited")
                .help("429 answers from PagerDuty, by routing-key reference")
                .labelNames("routing_key")
                .callback(cb -> {
                    DeliveryStatus delivery = snapshot().delivery();
                    if (delivery != null) {
                        delivery.rateLimited().forEach((ref, count) -> cb.call(count, ref));
                    }
                }).register(registry);
    }

    private OutboxStats outbox() {
        DeliveryStatus delivery = snapshot().delivery();
        return delivery == null || delivery.outbox() == null
                ? new OutboxStats(0, Duration.ZERO, 0, 0, Map.of()) : delivery.outbox();
    }

    private Map<String, Integer> budget() {
        DeliveryStatus delivery = snapshot().delivery();
        return delivery == null ? Map.of() : delivery.budgetUsage();
    }
}
