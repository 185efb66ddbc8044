package dev.klaxon.app.live;

import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.stats.TailEntry;
import java.util.List;

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
        };
    }
}
