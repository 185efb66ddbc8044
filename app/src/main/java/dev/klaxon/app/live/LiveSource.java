package dev.klaxon.app.live;

import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.outbox.EventRecord;
import dev.klaxon.stats.TailEntry;
import java.util.List;
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
        };
    }
}
