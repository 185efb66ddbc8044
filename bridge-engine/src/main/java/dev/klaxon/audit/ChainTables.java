package dev.klaxon.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chained tables, their columns in canonical order (every column but the id, which the chain entry holds) and
 * the column retention prunes on. Writer and verifier both hash from this list, so it is the one definition of what
 * a row's hash covers.
 */
final class ChainTables {
    record Table(String name, List<String> columns, String timeColumn) {
    }

    static final List<Table> ALL = List.of(
            new Table("forwarded", List.of("recorded_at", "received_at", "subject", "rule", "dedup_key",
                    "event_action", "state", "delivered_at", "pd_dedup_key", "pd_message", "attempts", "body"),
                    "received_at"),
            new Table("actions", List.of("recorded_at", "at", "actor", "action", "target", "result", "message"), "at"),
            new Table("config_loads", List.of("recorded_at", "at", "path", "sha256", "result", "summary"), "at"),
            new Table("subject_minutes", List.of("minute", "subject", "outcome", "count"), "minute"),
            new Table("samples", List.of("minute", "at", "subject", "outcome", "reason", "body"), "minute"));

    /** Updated in place (counts are upserted): only the newest entry of a row must match it. */
    static final String UPDATED = "subject_minutes";

    private ChainTables() {
    }

    static Table named(String name) {
        for (Table table : ALL) {
            if (table.name().equals(name)) {
                return table;
            }
        }
        return null;
    }

    /** "forwarded=12,actions=3,..." in {@link #ALL} order: the anchors' note of rows older than the chain. */
    static String legacyNote(Map<String, Long> maxIds) {
        StringBuilder note = new StringBuilder();
        for (Table table : ALL) {
            note.append(note.isEmpty() ? "" : ",").append(table.name()).append('=')
                    .append(maxIds.getOrDefault(table.name(), 0L));
        }
        return note.toString();
    }

    static Map<String, Long> parseLegacy(String note) {
        Map<String, Long> ids = new LinkedHashMap<>();
        if (note == null || note.isEmpty()) {
            return ids;
        }
        for (String part : note.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                try {
                    ids.put(part.substring(0, eq), Long.parseLong(part.substring(eq + 1)));
                } catch (NumberFormatException e) {
                    // an edited note fails the entry's hash check; nothing to add here
                }
            }
        }
        return ids;
    }
}
