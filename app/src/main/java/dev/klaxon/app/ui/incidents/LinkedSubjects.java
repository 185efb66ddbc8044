package dev.klaxon.app.ui.incidents;

import dev.klaxon.app.backend.LiveSource;
import dev.klaxon.audit.AuditKind;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which NATS subjects fed an incident: the audit's forwarded events whose dedup_key is one of the incident's. Reads
 * the database: never on the FX thread. Bounded in keys, rows and answer.
 */
public final class LinkedSubjects {
    static final int ROWS_PER_KEY = 50;
    static final int MAX_SUBJECTS = 20;

    private LinkedSubjects() {
    }

    public static List<String> find(LiveSource source, List<String> dedupKeys) {
        Set<String> subjects = new LinkedHashSet<>();
        for (String key : dedupKeys) {
            // The audit's text search matches substrings; only an exact dedup_key links a subject.
            AuditQuery query = AuditQuery.all().kinds(AuditKind.FORWARDED).text(key).limit(ROWS_PER_KEY);
            for (AuditRow row : source.searchAudit(query)) {
                if (key.equals(row.dedupKey()) && row.subject() != null) {
                    subjects.add(row.subject());
                }
                if (subjects.size() >= MAX_SUBJECTS) {
                    return List.copyOf(subjects);
                }
            }
        }
        return List.copyOf(subjects);
    }
}
