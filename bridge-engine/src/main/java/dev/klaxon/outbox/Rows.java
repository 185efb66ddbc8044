package dev.klaxon.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Maps rows selected with {@code Outbox.EVENT_COLUMNS} (in that order) to values. */
final class Rows {
    private Rows() {
    }

    static EventRecord event(ResultSet rs) throws SQLException {
        return new EventRecord(
                rs.getLong("id"),
                rs.getString("subject"),
                rule(rs),
                rs.getString("routing_key_ref"),
                Endpoint.valueOf(rs.getString("endpoint")),
                rs.getString("dedup_key"),
                rs.getString("event_action"),
                rs.getString("body_json"),
                instant(rs, "received_at"),
                instant(rs, "enqueued_at"),
                EventState.fromColumn(rs.getString("state")),
                rs.getInt("attempts"),
                instant(rs, "next_attempt_at"),
                nullableInt(rs, "last_status"),
                rs.getString("last_message"),
                instant(rs, "delivered_at"),
                rs.getString("pd_dedup_key"),
                rs.getString("pd_message"),
                instant(rs, "dead_at"),
                rs.getInt("requeues"));
    }

    /** Rows written before schema 3 have no label; their index is all that is known. */
    private static String rule(ResultSet rs) throws SQLException {
        String label = rs.getString("rule");
        return label != null ? label : "routes[" + rs.getInt("rule_index") + "]";
    }

    static String orderKey(ResultSet rs, long id) throws SQLException {
        String key = rs.getString("order_key");
        return key != null ? key : OrderKeys.unordered(id);
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
