package dev.klaxon.audit;

import dev.klaxon.route.SubjectPattern;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Queries over the three recorded kinds as one flattened stream of {@link AuditRow}s. Each query opens its own
 * connection: WAL lets readers run beside the writer, and no connection is shared between threads.
 */
final class AuditReader {
    /** Newest first for search, oldest first for export, by recording time for tail. */
    enum Order {
        NEWEST_FIRST("at DESC, recorded_at DESC, kind, id DESC"),
        OLDEST_FIRST("at, recorded_at, kind, id"),
        RECORDED("recorded_at, kind, id");

        final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    private static final String COLUMNS = "kind, id, at, recorded_at, subject, rule, dedup_key, event_action, state, "
            + "delivered_at, pd_dedup_key, actor, action, target, sha256, message, attempts, body";

    private final String url;
    private final AttemptsJson attempts;

    AuditReader(Path dbFile, AttemptsJson attempts) {
        this.url = "jdbc:sqlite:" + dbFile.toAbsolutePath();
        this.attempts = attempts;
    }

    /** Streams matching rows to {@code sink} until it returns false or the query's limit is reached. */
    void scan(AuditQuery query, Order order, Instant recordedAfter, Predicate<AuditRow> sink) {
        try (Connection connection = connect()) {
            scan(connection, query, order, recordedAfter, sink);
        } catch (SQLException e) {
            throw new AuditException("audit query failed: " + e.getMessage(), e);
        }
    }

    /** A connection of its own, for callers that read more than rows in one snapshot (an export with its chain). */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** As {@link #scan(AuditQuery, Order, Instant, Predicate)} on the caller's connection (not closed). */
    void scan(Connection connection, AuditQuery query, Order order, Instant recordedAfter,
              Predicate<AuditRow> sink) {
        SubjectPattern pattern = query.subjectPattern() == null ? null : SubjectPattern.compile(query.subjectPattern());
        List<Object> params = new ArrayList<>();
        List<String> branches = new ArrayList<>();
        if (query.kinds().contains(AuditKind.FORWARDED)) {
            branches.add(branch("'forwarded', id, received_at, recorded_at, subject, rule, dedup_key, event_action, "
                    + "state, delivered_at, pd_dedup_key, NULL, NULL, NULL, NULL, pd_message, attempts, body",
                    "forwarded", "received_at", query, recordedAfter, params));
        }
        if (pattern == null && query.kinds().contains(AuditKind.ACTION)) {
            branches.add(branch("'action', id, at, recorded_at, NULL, NULL, NULL, NULL, result, NULL, NULL, actor, "
                    + "action, target, NULL, message, NULL, NULL", "actions", "at", query, recordedAfter, params));
        }
        if (pattern == null && query.kinds().contains(AuditKind.CONFIG)) {
            branches.add(branch("'config', id, at, recorded_at, NULL, NULL, NULL, NULL, result, NULL, NULL, NULL, "
                    + "NULL, path, sha256, summary, NULL, NULL", "config_loads", "at", query, recordedAfter, params));
        }
        if (branches.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM (")
                .append(String.join(" UNION ALL ", branches)).append(')');
        if (query.text() != null) {
            // One LIKE over every text column: LIKE is case-insensitive for ASCII, which suits subjects and keys.
            sql.append(" WHERE (coalesce(subject,'') || char(31) || coalesce(rule,'') || char(31) "
                    + "|| coalesce(dedup_key,'') || char(31) || coalesce(state,'') || char(31) "
                    + "|| coalesce(pd_dedup_key,'') || char(31) || coalesce(actor,'') || char(31) "
                    + "|| coalesce(action,'') || char(31) || coalesce(target,'') || char(31) "
                    + "|| coalesce(message,'') || char(31) || coalesce(body,'')) LIKE ? ESCAPE '\\'");
            params.add("%" + escapeLike(query.text()) + "%");
        }
        sql.append(" ORDER BY ").append(order.sql);
        if (pattern == null && query.limit() > 0) {
            sql.append(" LIMIT ").append(query.limit()); // with a subject filter the limit counts matches, below
        }
        int emitted = 0;
        try (PreparedStatement statement = prepare(connection, sql.toString(), params);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                if (pattern != null && !pattern.matches(rs.getString("subject"))) {
                    continue;
                }
                if (!sink.test(toRow(rs))) {
                    return;
                }
                emitted++;
                if (query.limit() > 0 && emitted >= query.limit()) {
                    return;
                }
            }
        } catch (SQLException e) {
            throw new AuditException("audit query failed: " + e.getMessage(), e);
        }
    }

    private static String branch(String select, String table, String timeColumn, AuditQuery query,
                                 Instant recordedAfter, List<Object> params) {
        StringBuilder sql = new StringBuilder("SELECT ").append(aliased(select)).append(" FROM ").append(table)
                .append(" WHERE 1=1");
        if (query.since() != null) {
            sql.append(" AND ").append(timeColumn).append(" >= ?");
            params.add(query.since().toEpochMilli());
        }
        if (query.until() != null) {
            sql.append(" AND ").append(timeColumn).append(" < ?");
            params.add(query.until().toEpochMilli());
        }
        if (recordedAfter != null) {
            sql.append(" AND recorded_at > ?");
            params.add(recordedAfter.toEpochMilli());
        }
        return sql.toString();
    }

    /** Names every expression after the flattened columns, so the outer query can filter whichever branch is first. */
    private static String aliased(String expressions) {
        String[] parts = expressions.split(", ");
        List<String> names = columns();
        if (parts.length != names.size()) {
            throw new IllegalStateException("branch has " + parts.length + " columns, expected " + names.size());
        }
        StringBuilder select = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            select.append(i == 0 ? "" : ", ").append(parts[i]).append(" AS ").append(names.get(i));
        }
        return select.toString();
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> params)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, params.get(i));
        }
        return statement;
    }

    private AuditRow toRow(ResultSet rs) throws SQLException {
        return new AuditRow(AuditKind.fromLabel(rs.getString(1)), rs.getLong(2), instant(rs, 3), instant(rs, 4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), instant(rs, 10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                rs.getString(16), attempts.read(rs.getString(17)), rs.getString(18));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The column names of a flattened row, in {@link #toRow} order; exports use them as headers. */
    static List<String> columns() {
        return List.of(COLUMNS.split(", "));
    }
}
