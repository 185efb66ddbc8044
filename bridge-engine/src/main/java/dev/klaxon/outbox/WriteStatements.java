package dev.klaxon.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every write the outbox makes, with statements prepared once on the writer's connection. Used only by the writer
 * thread, so it needs no locking.
 *
 * <p>Invariant kept by every method: among the pending events of one order key exactly the one with the smallest id
 * has {@code head = 1}; unordered events (no dedup_key) are their own head while pending; nothing else is a head.
 *
 * <p>The pending ids of each order key are kept in memory ({@link #pendingByKey}) instead of in an index on
 * {@code (order_key, id)}. Such an index takes inserts at random places (one per key), so a group commit of a
 * thousand events dirtied about a thousand index pages, and writing those pages to the WAL (and checkpointing them)
 * was most of the cost of an enqueue: 22k events/s with it, well over twice that without. The writer is the only
 * writer, so it can keep the same facts exactly; every change to the map is undone if its transaction rolls back.
 */
final class WriteStatements implements AutoCloseable {

    private final Connection connection;
    private PreparedStatement insertEvent;
    private PreparedStatement orderKeyOf;
    private PreparedStatement promoteHead;
    private PreparedStatement delivered;
    private PreparedStatement retry;
    private PreparedStatement dead;
    private PreparedStatement requeue;
    private PreparedStatement audited;
    private PreparedStatement demotePreviousHead;
    private PreparedStatement insertAttempt;
    private PreparedStatement superseded;
    private PreparedStatement pruneAttempts;
    private PreparedStatement pruneEvents;
    // The writer is the only writer, so it can hand out ids itself and skip a last_insert_rowid() round trip.
    private long nextId;
    // Order key -> ids of its pending events, smallest first. Events without an order key are not in it.
    private final Map<String, TreeSet<Long>> pendingByKey = new HashMap<>();
    // Reverses this transaction's changes to pendingByKey; applied, newest first, if the transaction rolls back.
    private final List<Runnable> undo = new ArrayList<>();

    WriteStatements(Connection c) throws SQLException {
        this.connection = c;
        prepare(c);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT max(id) FROM events")) {
            nextId = (rs.next() ? rs.getLong(1) : 0) + 1;
        }
        // One scan at open; after that the map changes only with the writer's own transactions.
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT order_key, id FROM events WHERE state = 'pending' AND order_key IS NOT NULL")) {
            while (rs.next()) {
                pendingByKey.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getLong(2));
            }
        }
    }

    /**
     * Prepares every statement again. The driver closes a prepared statement whose step failed (SQLITE_FULL on a
     * full disk), after which it only answers "statement is not executing": the writer calls this after a failed
     * transaction, so the first commit once space returns works instead of failing forever.
     */
    void reprepare() throws SQLException {
        try {
            close();
        } catch (SQLException ignored) {
            // Closing a statement the driver already closed may complain; the new ones are what matter.
        }
        prepare(connection);
    }

    private void prepare(Connection c) throws SQLException {
        insertEvent = c.prepareStatement("""
                INSERT INTO events (id, order_key, subject, rule_index, routing_key_ref, endpoint, dedup_key,
                  event_action, body_json, received_at, enqueued_at, state, head, next_attempt_at, rule, stream_seq,
                  stream_delivery)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)""");
        orderKeyOf = c.prepareStatement("SELECT order_key FROM events WHERE id = ?");
        promoteHead = c.prepareStatement("UPDATE events SET head = 1 WHERE id = ?");
        delivered = c.prepareStatement("""
                UPDATE events SET state = 'delivered', head = 0, audit_due = 1, attempts = attempts + 1, last_status = ?,
                  last_message = ?, delivered_at = ?, pd_dedup_key = ?, pd_message = ?
                WHERE id = ? AND state = 'pending'""");
        retry = c.prepareStatement("""
                UPDATE events SET attempts = attempts + 1, next_attempt_at = ?, last_status = ?, last_message = ?
                WHERE id = ? AND state = 'pending'""");
        dead = c.prepareStatement("""
                UPDATE events SET state = 'dead', head = 0, audit_due = 1, attempts = attempts + 1, last_status = ?,
                  last_message = ?, dead_at = ?
                WHERE id = ? AND state = 'pending'""");
        superseded = c.prepareStatement("""
                UPDATE events SET state = 'superseded', head = 0, audit_due = 1, last_message = ?, dead_at = ?
                WHERE id = ? AND state = 'pending'""");
        requeue = c.prepareStatement("""
                UPDATE events SET state = 'pending', dead_at = NULL, next_attempt_at = ?, requeues = requeues + 1,
                  head = ?
                WHERE id = ? AND state = 'dead'""");
        demotePreviousHead = c.prepareStatement("UPDATE events SET head = 0 WHERE id = ?");
        audited = c.prepareStatement("UPDATE events SET audit_due = 0 WHERE id = ?");
        insertAttempt = c.prepareStatement(
                "INSERT INTO attempts (event_id, at, http_status, outcome, message) VALUES (?, ?, ?, ?, ?)");
        pruneAttempts = c.prepareStatement("""
                DELETE FROM attempts WHERE event_id IN (
                  SELECT id FROM events WHERE state = 'delivered' AND delivered_at < ?)""");
        pruneEvents = c.prepareStatement("DELETE FROM events WHERE state = 'delivered' AND delivered_at < ?");
    }

    /** Called by the writer after BEGIN: nothing to undo yet. */
    void transactionStarted() {
        undo.clear();
    }

    /** Called by the writer after COMMIT: the in-memory changes are now as durable as the rows. */
    void transactionCommitted() {
        undo.clear();
    }

    /** Called by the writer after ROLLBACK (or a failed COMMIT): puts the map back as it was at BEGIN. */
    void transactionRolledBack() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        undo.clear();
    }

    private void addPending(String orderKey, long id) {
        pendingByKey.computeIfAbsent(orderKey, k -> new TreeSet<>()).add(id);
        undo.add(() -> removeFromMap(orderKey, id));
    }

    private void removePending(String orderKey, long id) {
        if (removeFromMap(orderKey, id)) {
            undo.add(() -> pendingByKey.computeIfAbsent(orderKey, k -> new TreeSet<>()).add(id));
        }
    }

    private boolean removeFromMap(String orderKey, long id) {
        TreeSet<Long> ids = pendingByKey.get(orderKey);
        if (ids == null || !ids.remove(id)) {
            return false;
        }
        if (ids.isEmpty()) {
            pendingByKey.remove(orderKey); // keys come and go; an empty set per finished alert would only grow
        }
        return true;
    }

    List<Long> enqueue(List<NewEvent> events, Instant enqueuedAt) throws SQLException {
        List<Long> ids = new ArrayList<>(events.size());
        long now = enqueuedAt.toEpochMilli();
        for (NewEvent event : events) {
            long id = nextId++;
            String orderKey = event.orderKey();
            // Earlier events of this batch are already in the map (and undone with it on rollback).
            boolean head = orderKey == null || !pendingByKey.containsKey(orderKey);
            insertEvent.setLong(1, id);
            insertEvent.setString(2, orderKey);
            insertEvent.setString(3, event.subject());
            insertEvent.setInt(4, event.ruleIndex());
            insertEvent.setString(5, event.routingKeyRef());
            insertEvent.setString(6, event.endpoint().name());
            insertEvent.setString(7, event.dedupKey());
            insertEvent.setString(8, event.eventAction());
            insertEvent.setString(9, event.bodyJson());
            insertEvent.setLong(10, event.receivedAt().toEpochMilli());
            insertEvent.setLong(11, now);
            insertEvent.setInt(12, head ? 1 : 0);
            insertEvent.setLong(13, now);
            insertEvent.setString(14, event.rule());
            if (event.streamSeq() > 0) {
                insertEvent.setLong(15, event.streamSeq());
                insertEvent.setLong(16, event.streamDelivery());
            } else {
                insertEvent.setNull(15, Types.INTEGER);
                insertEvent.setNull(16, Types.INTEGER);
            }
            insertEvent.executeUpdate();
            if (orderKey != null) {
                addPending(orderKey, id);
            }
            ids.add(id);
        }
        return ids;
    }

    Void markDelivered(long id, Instant at, int httpStatus, String pdDedupKey, String pdMessage) throws SQLException {
        delivered.setInt(1, httpStatus);
        delivered.setString(2, pdMessage);
        delivered.setLong(3, at.toEpochMilli());
        delivered.setString(4, pdDedupKey);
        delivered.setString(5, pdMessage);
        delivered.setLong(6, id);
        requireOneRow(delivered.executeUpdate(), "outbox event " + id + " is not pending; cannot mark it delivered");
        attempt(id, at, httpStatus, AttemptOutcome.DELIVERED, pdMessage);
        promoteNext(id);
        return null;
    }

    Void markRetry(long id, Instant at, Instant nextAttemptAt, Integer httpStatus, String reason)
            throws SQLException {
        retry.setLong(1, nextAttemptAt.toEpochMilli());
        setNullableInt(retry, 2, httpStatus);
        retry.setString(3, reason);
        retry.setLong(4, id);
        requireOneRow(retry.executeUpdate(), "outbox event " + id + " is not pending; cannot schedule a retry");
        attempt(id, at, httpStatus, AttemptOutcome.RETRY, reason);
        return null;
    }

    Void markDeadLetter(long id, Instant at, int httpStatus, String reason) throws SQLException {
        dead.setInt(1, httpStatus);
        dead.setString(2, reason);
        dead.setLong(3, at.toEpochMilli());
        dead.setLong(4, id);
        requireOneRow(dead.executeUpdate(), "outbox event " + id + " is not pending; cannot dead-letter it");
        attempt(id, at, httpStatus, AttemptOutcome.DEAD_LETTER, reason);
        // Decision: a dead letter does not block its key (see Outbox class comment), so the next event moves up.
        promoteNext(id);
        return null;
    }

    Void markSuperseded(long id, Instant at, String reason) throws SQLException {
        superseded.setString(1, reason);
        superseded.setLong(2, at.toEpochMilli());
        superseded.setLong(3, id);
        requireOneRow(superseded.executeUpdate(), "outbox event " + id + " is not pending; cannot supersede it");
        attempt(id, at, null, AttemptOutcome.SUPERSEDED, reason);
        promoteNext(id);
        return null;
    }

    Void markAudited(List<Long> ids) throws SQLException {
        for (long id : ids) {
            audited.setLong(1, id);
            audited.executeUpdate();
        }
        return null;
    }

    Void requeue(long id, Instant at) throws SQLException {
        String orderKey = orderKey(id);
        TreeSet<Long> pending = orderKey == null ? null : pendingByKey.get(orderKey);
        // The requeued event is older than anything that arrived after it, so it may take over as head.
        Long currentHead = pending == null ? null : pending.first();
        boolean head = currentHead == null || id < currentHead;
        requeue.setLong(1, at.toEpochMilli());
        requeue.setInt(2, head ? 1 : 0);
        requeue.setLong(3, id);
        requireOneRow(requeue.executeUpdate(), "outbox event " + id + " is not a dead letter; cannot requeue it");
        if (orderKey != null) {
            addPending(orderKey, id);
            if (head && currentHead != null) {
                demotePreviousHead.setLong(1, currentHead);
                demotePreviousHead.executeUpdate();
            }
        }
        return null;
    }

    Integer prune(Instant deliveredBefore) throws SQLException {
        pruneAttempts.setLong(1, deliveredBefore.toEpochMilli());
        pruneAttempts.executeUpdate();
        pruneEvents.setLong(1, deliveredBefore.toEpochMilli());
        return pruneEvents.executeUpdate();
    }

    private void promoteNext(long id) throws SQLException {
        String orderKey = orderKey(id);
        if (orderKey != null) {
            removePending(orderKey, id);
            TreeSet<Long> rest = pendingByKey.get(orderKey);
            if (rest != null) {
                promoteHead.setLong(1, rest.first());
                promoteHead.executeUpdate();
            }
        }
    }

    private String orderKey(long id) throws SQLException {
        orderKeyOf.setLong(1, id);
        try (ResultSet rs = orderKeyOf.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private void attempt(long id, Instant at, Integer httpStatus, AttemptOutcome outcome, String message)
            throws SQLException {
        insertAttempt.setLong(1, id);
        insertAttempt.setLong(2, at.toEpochMilli());
        setNullableInt(insertAttempt, 3, httpStatus);
        insertAttempt.setString(4, outcome.name());
        insertAttempt.setString(5, message);
        insertAttempt.executeUpdate();
    }

    private static void setNullableInt(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    private static void requireOneRow(int rows, String otherwise) {
        if (rows != 1) {
            throw new IllegalStateException(otherwise);
        }
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement s : List.of(insertEvent, orderKeyOf, promoteHead, delivered, retry,
                dead, superseded, requeue, demotePreviousHead, insertAttempt, pruneAttempts, pruneEvents)) {
            try {
                s.close();
            } catch (SQLException e) {
                first = first == null ? e : first; // close the others all the same
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
