package dev.klaxon.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends to the audit chain from the writer thread, inside the writer's transaction, so a row and its entry commit
 * or roll back together. The tip (last seq and hash) is cached within one transaction only: another process (a CLI
 * command auditing its action while {@code run} is up) may append between two of ours. It is read on the first
 * append, after the row's insert, so the transaction already holds SQLite's write lock and no other writer can move
 * the tip under it.
 */
final class AuditChain {
    private final ChainHasher hasher;
    private PreparedStatement insert;
    private long tipSeq = -1;
    private String tipHash;

    AuditChain(ChainHasher hasher) {
        this.hasher = hasher;
    }

    /** A transaction starts (or starts again after a rollback): the tip is read afresh at the first append. */
    void forget() {
        tipSeq = -1;
    }

    /** Chains one row as it now stands; {@code values} in {@link ChainTables} column order. */
    void append(Connection connection, String table, long rowId, long at, List<?> values) throws SQLException {
        add(connection, table, rowId, at, hasher.rowHash(values), null);
    }

    /** The first entry of a new chain: records which rows were written before the chain existed. */
    void ensureOrigin(Connection connection) throws SQLException {
        if (tip(connection) > 0) {
            return;
        }
        Map<String, Long> legacy = new HashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (ChainTables.Table table : ChainTables.ALL) {
                try (ResultSet rs = statement.executeQuery("SELECT coalesce(max(rowid), 0) FROM " + table.name())) {
                    legacy.put(table.name(), rs.next() ? rs.getLong(1) : 0L);
                }
            }
        }
        add(connection, ChainEntry.ANCHOR, 1L, null, ChainHasher.ZERO, ChainTables.legacyNote(legacy));
    }

    /** Seq of the newest entry, 0 when the chain is empty. */
    long tip(Connection connection) throws SQLException {
        if (tipSeq < 0) {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT seq, hash FROM chain ORDER BY seq DESC LIMIT 1")) {
                tipSeq = rs.next() ? rs.getLong(1) : 0;
                tipHash = tipSeq == 0 ? ChainHasher.ZERO : rs.getString(2);
            }
        }
        return tipSeq;
    }

    /**
     * After retention deleted rows older than {@code cutoff}: drops the leading entries whose rows are gone (up to
     * {@code lastOld}, the tip when the prune began, so rows recorded meanwhile keep theirs) and appends an anchor
     * naming the first kept entry and its previous hash, so the shortened chain still verifies from its start.
     */
    void trim(Connection connection, long cutoff, long lastOld) throws SQLException {
        long tip = tip(connection);
        long firstKept = tip + 1; // the anchor itself, when every entry goes
        String firstPrev = tipHash;
        try (PreparedStatement first = connection.prepareStatement("SELECT seq, prev_hash FROM chain WHERE seq > ? "
                + "OR (table_name <> ? AND (at IS NULL OR at >= ?)) ORDER BY seq LIMIT 1")) {
            first.setLong(1, lastOld);
            first.setString(2, ChainEntry.ANCHOR);
            first.setLong(3, cutoff);
            try (ResultSet rs = first.executeQuery()) {
                if (rs.next()) {
                    firstKept = rs.getLong(1);
                    firstPrev = rs.getString(2);
                }
            }
        }
        String legacy = latestLegacyNote(connection);
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM chain WHERE seq < ?")) {
            delete.setLong(1, firstKept);
            delete.executeUpdate();
        }
        add(connection, ChainEntry.ANCHOR, firstKept, cutoff, firstPrev, legacy);
    }

    private static String latestLegacyNote(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT note FROM chain WHERE table_name = ? "
                + "ORDER BY seq DESC LIMIT 1")) {
            query.setString(1, ChainEntry.ANCHOR);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : ChainTables.legacyNote(Map.of());
            }
        }
    }

    private void add(Connection connection, String table, Long rowId, Long at, String rowHash, String note)
            throws SQLException {
        long seq = tip(connection) + 1;
        ChainEntry entry = new ChainEntry(seq, table, rowId, at, rowHash, note, tipHash, null);
        String hash = hasher.entryHash(tipHash, entry);
        if (insert == null || insert.getConnection() != connection) {
            insert = connection.prepareStatement("INSERT INTO chain (seq, table_name, row_id, at, row_hash, note, "
                    + "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        }
        insert.setLong(1, seq);
        insert.setString(2, table);
        insert.setObject(3, rowId);
        insert.setObject(4, at);
        insert.setString(5, rowHash);
        insert.setString(6, note);
        insert.setString(7, tipHash);
        insert.setString(8, hash);
        insert.executeUpdate();
        tipSeq = seq;
        tipHash = hash;
    }
}
