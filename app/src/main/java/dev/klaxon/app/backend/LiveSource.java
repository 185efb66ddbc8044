package dev.klaxon.app.backend;

import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.config.SecretRef;
import dev.klaxon.decision.Decision;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.guard.Silence;
import dev.klaxon.guard.SilenceRecord;
import dev.klaxon.guard.SilenceRequest;
import dev.klaxon.message.Severity;
import dev.klaxon.outbox.EventRecord;
import dev.klaxon.route.RenderedEvent;
import dev.klaxon.route.RouteAction;
import dev.klaxon.route.RouteRule;
import dev.klaxon.stats.TailEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The engine reads the console's views need; a seam so the views never see the rest of the engine. */
public interface LiveSource {
    EngineSnapshot snapshot();

    /** Recent messages of one subject, oldest first. */
    List<TailEntry> tail(String subject);

    /**
     * Searches the audit trail. Reads a database: never call it on the FX thread. The default finds nothing, so a
     * source without an audit (a test double of the live views) still works.
     */
    default List<AuditRow> searchAudit(AuditQuery query) {
        return List.of();
    }

    /** Events PagerDuty refused for good, newest first. Reads a database: never call it on the FX thread. */
    default List<EventRecord> deadLetters(int limit) {
        return List.of();
    }

    /** Puts a dead letter back in the outbox to be sent again; completes once that is committed. */
    default CompletableFuture<Void> resendDeadLetter(long id) {
        return CompletableFuture.failedFuture(new IllegalStateException("this source cannot re-send"));
    }

    /** Subjects in flood state with what each has held; cheap (the engine refreshes it every ~100 ms). */
    default List<FloodStatus> floods() {
        return List.of();
    }

    /** How many triggers flood state holds back for a subject (in memory; cheap). */
    default int heldCount(String subject) {
        return 0;
    }

    /** Sends a subject's held triggers after all, through the outbox; completes with how many. */
    default CompletableFuture<Integer> releaseHeld(String subject) {
        return CompletableFuture.failedFuture(new IllegalStateException("this source cannot release held triggers"));
    }

    /** Every silence, newest first; completes on an engine thread. */
    default CompletableFuture<List<SilenceRecord>> silences() {
        return CompletableFuture.completedFuture(List.of());
    }

    /** Adds a silence; audited by the engine as {@code silence.add}. */
    default CompletableFuture<Silence> addSilence(SilenceRequest request) {
        return CompletableFuture.failedFuture(new IllegalStateException("this source cannot silence"));
    }

    /** Ends a silence now; fails when it does not exist or has already ended. */
    default CompletableFuture<Boolean> expireSilence(long id) {
        return CompletableFuture.failedFuture(new IllegalStateException("this source cannot expire silences"));
    }

    /** Moves the end of a silence that has not ended. */
    default CompletableFuture<Boolean> extendSilence(long id, Instant newEnd) {
        return CompletableFuture.failedFuture(new IllegalStateException("this source cannot extend silences"));
    }

    /**
     * Where a manual escalation may go: the routing key references of the configured page routes, in config order,
     * each once. References only: a secret is never read here.
     */
    default List<SecretRef> pageRoutingKeys() {
        return List.of();
    }

    /**
     * The exact event escalating this message would send (routing key masked).
     *
     * @throws IllegalArgumentException when the message cannot be decoded
     */
    default RenderedEvent previewEscalation(String subject, byte[] body, Map<String, List<String>> headers,
                                            SecretRef routingKey, Severity severity) {
        throw new IllegalStateException("this source cannot escalate");
    }

    /** Forces one message to PagerDuty through the outbox; completes with its outbox id once committed. */
    default CompletableFuture<Long> escalate(String subject, byte[] body, Map<String, List<String>> headers,
                                             SecretRef routingKey, Severity severity) {
        return CompletableFuture.failedFuture(new IllegalStateException("this source cannot escalate"));
    }

    /** The configuration the engine runs with (routes, settings); null for a source that has none. */
    default KlaxonConfig config() {
        return null;
    }

    /** Live messages each route decided since start, indexed like {@code config().routes()}; in memory, cheap. */
    default long[] ruleHits() {
        return new long[0];
    }

    /**
     * What the engine would decide for this message now, without counting or sending it. The first call may read
     * stored silences from disk: never call it on the FX thread.
     */
    default Decision explain(String subject, byte[] body, Map<String, List<String>> headers) {
        throw new IllegalStateException("this source cannot explain messages");
    }

    static LiveSource of(Engine engine) {
        return new LiveSource() {
            @Override
            public EngineSnapshot snapshot() {
                return engine.snapshot();
            }

            @Override
            public List<TailEntry> tail(String subject) {
                return engine.tail(subject);
            }

            @Override
            public List<AuditRow> searchAudit(AuditQuery query) {
                return engine.searchAudit(query);
            }

            @Override
            public List<EventRecord> deadLetters(int limit) {
                return engine.deadLetters(limit);
            }

            @Override
            public CompletableFuture<Void> resendDeadLetter(long id) {
                return engine.resendDeadLetter(id);
            }

            @Override
            public List<FloodStatus> floods() {
                return engine.floods();
            }

            @Override
            public int heldCount(String subject) {
                return engine.heldEvents(subject).size();
            }

            @Override
            public CompletableFuture<Integer> releaseHeld(String subject) {
                return engine.releaseHeld(subject);
            }

            @Override
            public CompletableFuture<List<SilenceRecord>> silences() {
                return engine.silences();
            }

            @Override
            public CompletableFuture<Silence> addSilence(SilenceRequest request) {
                return engine.addSilence(request);
            }

            @Override
            public CompletableFuture<Boolean> expireSilence(long id) {
                return engine.expireSilence(id);
            }

            @Override
            public CompletableFuture<Boolean> extendSilence(long id, Instant newEnd) {
                return engine.extendSilence(id, newEnd);
            }

            @Override
            public KlaxonConfig config() {
                return engine.config();
            }

            @Override
            public long[] ruleHits() {
                return engine.ruleHits();
            }

            @Override
            public Decision explain(String subject, byte[] body, Map<String, List<String>> headers) {
                return engine.explain(subject, body, headers);
            }

            @Override
            public List<SecretRef> pageRoutingKeys() {
                return engine.config().routes().stream()
                        .filter(rule -> rule.action() == RouteAction.PAGE && rule.routingKey() != null)
                        .map(RouteRule::routingKey).distinct().toList();
            }

            @Override
            public RenderedEvent previewEscalation(String subject, byte[] body, Map<String, List<String>> headers,
                                                   SecretRef routingKey, Severity severity) {
                return engine.previewEscalation(subject, body, headers, routingKey, severity);
            }

            @Override
            public CompletableFuture<Long> escalate(String subject, byte[] body, Map<String, List<String>> headers,
                                                    SecretRef routingKey, Severity severity) {
                return engine.escalate(subject, body, headers, routingKey, severity);
            }
        };
    }
}
