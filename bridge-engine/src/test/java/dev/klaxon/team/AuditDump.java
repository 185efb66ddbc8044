package dev.klaxon.team;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** What a bridge's outbox and audit say about some dedup_keys: a failed fault test's evidence. Read-only. */
final class AuditDump {
    private AuditDump() {
    }

    static String rows(Path dataDir, List<String> dedupKeys) {
        StringBuilder out = new StringBuilder();
        query(out, dataDir.resolve("outbox.db"), "SELECT dedup_key, event_action, state, stream_seq, attempts, "
                + "last_status, last_message FROM events WHERE dedup_key = ?", dedupKeys);
        query(out, dataDir.resolve("audit.db"), "SELECT dedup_key, event_action, state, pd_message FROM forwarded "
                + "WHERE dedup_key = ?", dedupKeys);
        return out.toString();
    }

    private static void query(StringBuilder out, Path file, String sql, List<String> keys) {
        if (!Files.exists(file)) {
            return;
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro");
             PreparedStatement statement = db.prepareStatement(sql)) {
            for (String key : keys) {
                statement.setString(1, key);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.append("\n").append(file.getParent().getParent().getFileName()).append(' ')
                                .append(file.getFileName()).append(':');
                        for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
                            out.append(' ').append(rows.getString(c));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            out.append("\n").append(file).append(": ").append(e.getMessage());
        }
    }
}
