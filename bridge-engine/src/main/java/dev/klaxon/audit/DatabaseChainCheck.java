package dev.klaxon.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies the chain of an audit database against its rows, in one read transaction (a consistent snapshot beside
 * the writer, thanks to WAL). One point lookup per entry; memory holds only the newest entry per minute-count row.
 */
final class DatabaseChainCheck implements ChainWalk.Rows {
    static final String COLUMNS = "seq, table_name, row_id, at, row_hash, note, prev_hash, hash";

    private final Connection connection;
    private final Map<String, PreparedStatement> lookups = new HashMap<>();
    private final Map<Long, Long> newestCountEntry = new HashMap<>();
    private PreparedStatement later;

    private DatabaseChainCheck(Connection connection) {
        this.connection = connection;
    }

    static ChainVerification verify(Path dbFile, ChainHasher hasher) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dbFile.toAbsolutePath())) {
            connection.setAutoCommit(false); // one snapshot for every query below
            try {
                return new DatabaseChainCheck(connection).run(hasher);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static AuditException failed(SQLException e) {
        return new AuditException("audit verify failed: " + e.getMessage(), e);
    }

    private ChainVerification run(ChainHasher hasher) throws SQLException {
        try (PreparedStatement table = connection.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                + "AND name = 'chain'");
             ResultSet rs = table.executeQuery()) {
            if (!rs.next()) {
                return new ChainVerification(0, 0, new ChainVerification.Break(0, "chain", null, "this audit "
                        + "database has no chain yet (written before the chain existed; Klaxon starts one the "
                        + "next time it opens the file)"), Map.of());
            }
        }
        ChainEntry anchor = one("SELECT " + COLUMNS + " FROM chain WHERE table_name = '" + ChainEntry.ANCHOR
                + "' ORDER BY seq DESC LIMIT 1");
        try (PreparedStatement newest = connection.prepareStatement("SELECT row_id, max(seq) FROM chain "
                + "WHERE table_name = ? GROUP BY row_id")) {
            newest.setString(1, ChainTables.UPDATED);
            try (ResultSet rs = newest.executeQuery()) {
                while (rs.next()) {
                    newestCountEntry.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        ChainWalk walk = new ChainWalk(hasher, this, anchor);
        try (PreparedStatement all = connection.prepareStatement("SELECT " + COLUMNS + " FROM chain ORDER BY seq");
             ResultSet rs = all.executeQuery()) {
            while (rs.next() && walk.accept(entry(rs))) {
                // walk until the first break
            }
        } finally {
            for (PreparedStatement statement : lookups.values()) {
                statement.close();
            }
            if (later != null) {
                later.close();
            }
        }
        return walk.result(walk.broken() == null ? unchainedRow(walk) : null);
    }

    /** A row the chain does not hold: inserted behind the writer's back. Counted first, searched only if found. */
    private ChainVerification.Break unchainedRow(ChainWalk walk) throws SQLException {
        for (ChainTables.Table table : ChainTables.ALL) {
            long after = walk.legacy().getOrDefault(table.name(), 0L);
            long rows;
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + table.name()
                    + " WHERE rowid > ?")) {
                count.setLong(1, after);
                try (ResultSet rs = count.executeQuery()) {
                    rows = rs.next() ? rs.getLong(1) : 0;
                }
            }
            if (rows <= walk.matched().getOrDefault(table.name(), 0L)) {
                continue;
            }
            try (PreparedStatement find = connection.prepareStatement("SELECT rowid FROM " + table.name()
                    + " WHERE rowid > ? AND rowid NOT IN (SELECT row_id FROM chain WHERE table_name = ?) "
                    + "ORDER BY rowid LIMIT 1")) {
                find.setLong(1, after);
                find.setString(2, table.name());
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        return new ChainVerification.Break(0, table.name(), rs.getLong(1),
                                "the row is not in the chain (added behind the audit's back)");
                    }
                }
            }
        }
        return null;
    }

    @Override
    public ChainWalk.Lookup lookup(String table, long id) {
        try {
            return read(table, id);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private ChainWalk.Lookup read(String table, long id) throws SQLException {
        PreparedStatement select = lookups.get(table);
        if (select == null) {
            select = connection.prepareStatement("SELECT " + String.join(", ", ChainTables.named(table).columns())
                    + " FROM " + table + " WHERE rowid = ?");
            lookups.put(table, select);
        }
        select.setLong(1, id);
        try (ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                return ChainWalk.Lookup.MISSING;
            }
            int columns = rs.getMetaData().getColumnCount();
            List<Object> values = new ArrayList<>(columns);
            for (int c = 1; c <= columns; c++) {
                values.add(rs.getObject(c));
            }
            return ChainWalk.Lookup.of(values);
        }
    }

    @Override
    public boolean superseded(ChainEntry entry) {
        if (ChainTables.UPDATED.equals(entry.table())) {
            return newestCountEntry.getOrDefault(entry.rowId(), entry.seq()) > entry.seq();
        }
        try {
            return chainedAgain(entry);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private boolean chainedAgain(ChainEntry entry) throws SQLException {
        // Rare (an id reused after its row was pruned): a scan is fine here.
        if (later == null) {
            later = connection.prepareStatement("SELECT 1 FROM chain WHERE table_name = ? AND row_id = ? AND seq > ? "
                    + "LIMIT 1");
        }
        later.setString(1, entry.table());
        later.setLong(2, entry.rowId());
        later.setLong(3, entry.seq());
        try (ResultSet rs = later.executeQuery()) {
            return rs.next();
        }
    }

    private ChainEntry one(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            return rs.next() ? entry(rs) : null;
        }
    }

    static ChainEntry entry(ResultSet rs) throws SQLException {
        return new ChainEntry(rs.getLong(1), rs.getString(2), nullableLong(rs, 3), nullableLong(rs, 4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
