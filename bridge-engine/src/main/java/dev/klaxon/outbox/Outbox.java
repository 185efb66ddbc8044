package dev.klaxon.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import dev.klaxon.storage.StorageException;
import dev.klaxon.storage.StorageFiles;
import dev.klaxon.storage.StorageHealth;
import dev.klaxon.storage.StorageState;
import org.sqlite.SQLiteConfig;

/**
 * The durable outbox: every event bound for PagerDuty is committed here before any HTTP call, and stays pending
 * until the sender marks it delivered (202) or dead (a 4xx other than 429). Reopening the file after a crash finds
 * the pending rows again, which is how the bridge resends on start; PagerDuty's dedup_key makes a resend harmless.
 *
 * <p><b>Writes</b> go to one writer thread that group-commits everything queued ({@link GroupCommitWriter}); each
 * write returns a future that completes once its transaction has committed. With {@code journal_mode=WAL} and
 * {@code synchronous=NORMAL} a committed transaction survives the process being killed (not a power cut: NORMAL
 * skips the fsync per commit, which is the trade SQLite documents and the design accepts).
 * <b>Reads</b> use their own connections and never wait for the writer.
 *
 * <p><b>Ordering.</b> The order key is (routing key reference, dedup_key): PagerDuty applies events with the same
 * dedup_key to the same alert only under the same routing key. Only the oldest pending event of a key is ever
 * offered by {@link #due}, so an acknowledge or resolve never overtakes its trigger, and a key with a retry
 * waiting holds its later events back until that retry is settled.
 *
 * <p><b>A dead letter does not block its key.</b> A dead letter is a 4xx: PagerDuty refused that exact body and
 * will refuse it again, so holding the key would freeze every later event of the alert (including the resolve that
 * closes it) until a person acts, which for an on-call bridge is worse than the gap. Later events are harmless
 * without it: PagerDuty drops an acknowledge or resolve that finds no open alert. The dead letter stays visible
 * ({@link #deadLetters}, {@link #stats}) and {@link #requeue} puts it back; being the older event, it then goes
 * ahead of anything of its key still pending.
 *
 * <p><b>Sender protocol.</b> Take {@link #due}, put each event's {@code orderKey} in the in-flight set, send, call
 * one of the {@code mark} methods, and only when its future completes remove the key from the in-flight set
 * (otherwise {@code due} may still see the old row as pending and offer it again).
 */
public final class Outbox implements AutoCloseable {

    private static final int READ_CONNECTIONS = 2;
    private static final Duration DELIVERY_RATE_WINDOW = Duration.ofMinutes(1);

    private static final String EVENT_COLUMNS = """
            id, order_key, subject, rule_index, rule, routing_key_ref, endpoint, dedup_key, event_action, body_json,
            received_at, enqueued_at, state, attempts, next_attempt_at, last_status, last_message, delivered_at,
            pd_dedup_key, pd_message, dead_at, requeues, stream_seq, stream_delivery""";

    /**
     * Heads whose time has come, most overdue first. Query plan (checked by a test):
     * {@code SEARCH events USING INDEX events_due (next_attempt_at<?)}: a range scan of the partial index over head
     * rows only (at most one per order key), already in (next_attempt_at, id) order, so there is no sort and the
     * scan stops after LIMIT rows, however many events are pending behind the heads. The extra rows fetched cover
     * the excluded keys, each of which hides at most one head.
     */
    static final String DUE_SQL = "SELECT " + EVENT_COLUMNS
            + " FROM events WHERE head = 1 AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?";

    private final Clock clock;
    private final StorageHealth health;
    private final Connection writeConnection;
    private final WriteStatements statements;
    private final GroupCommitWriter writer;
    private final ReadConnections readers;

    private Outbox(Clock clock, StorageHealth health, Connection writeConnection, WriteStatements statements,
                   GroupCommitWriter writer, ReadConnections readers) {
        this.clock = clock;
        this.health = health;
        this.writeConnection = writeConnection;
        this.statements = statements;
        this.writer = writer;
        this.readers = readers;
    }

    /**
     * Opens (creating and migrating if needed) the outbox in {@code dbFile}.
     *
     * @throws StorageException when the file is empty, not SQLite or damaged (never silently replaced: it may hold
     *                          pending events), or when the directory cannot be written; the message says why
     */
    public static Outbox open(Path dbFile, Clock clock) {
        Objects.requireNonNull(dbFile, "dbFile");
        Objects.requireNonNull(clock, "clock");
        Path parent = dbFile.toAbsolutePath().getParent();
        if (parent != null) {
            StorageFiles.ensureDirectory(parent);
        }
        StorageFiles.checkDatabase(dbFile, "outbox");
        List<Connection> opened = new ArrayList<>();
        try {
            String url = "jdbc:sqlite:" + dbFile.toAbsolutePath();
            Connection write = connect(url, false);
            opened.add(write);
            StorageFiles.restrictToOwner(dbFile); // it holds alert bodies; SQLite creates it with the umask
            Migrations.migrate(write);
            write.setAutoCommit(true); // the writer issues BEGIN IMMEDIATE / COMMIT itself
            List<Connection> reads = new ArrayList<>();
            for (int i = 0; i < READ_CONNECTIONS; i++) {
                Connection read = connect(url, true);
                opened.add(read);
                reads.add(read);
            }
            WriteStatements statements = new WriteStatements(write);
            GroupCommitWriter writer = new GroupCommitWriter(write, statements, "klaxon-outbox",
                    e -> StorageFiles.failure(dbFile, "cannot write to the outbox", e));
            return new Outbox(clock, new StorageHealth(dbFile, clock), write, statements, writer,
                    new ReadConnections(reads));
        } catch (SQLException e) {
            opened.forEach(Outbox::closeQuietly);
            throw StorageFiles.failure(dbFile, "cannot open the outbox", e);
        } catch (RuntimeException e) {
            opened.forEach(Outbox::closeQuietly);
            throw e;
        }
    }

    private static Connection connect(String url, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        // Readers and the writer can meet on a checkpoint or on the first WAL setup; wait instead of failing.
        config.setBusyTimeout(10_000);
        Connection connection = config.createConnection(url);
        if (readOnly) {
            // query_only rather than a read-only open: a reader must still be able to update the WAL index.
            try (java.sql.Statement s = connection.createStatement()) {
                s.execute("PRAGMA query_only = 1");
            }
        }
        return connection;
    }

    // ---- writes ---------------------------------------------------------------------------------------------

    /** Commits {@code events}; the future gives their ids, in order, once they are durable. */
    public CompletableFuture<List<Long>> enqueue(List<NewEvent> events) {
        List<NewEvent> copy = List.copyOf(events);
        Instant now = clock.instant();
        return write(s -> s.enqueue(copy, now));
    }

    /** PagerDuty accepted the event (202). */
    public CompletableFuture<Void> markDelivered(long id, int httpStatus, String pdDedupKey, String pdMessage) {
        Instant now = clock.instant();
        return write(s -> s.markDelivered(id, now, httpStatus, pdDedupKey, pdMessage));
    }

    /**
     * The attempt failed in a way worth retrying (429, 5xx, timeout, reset); the event is offered again from
     * {@code nextAttemptAt} and holds its key until then.
     *
     * @param httpStatus null when no response came
     */
    public CompletableFuture<Void> markRetry(long id, Instant nextAttemptAt, Integer httpStatus, String reason) {
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Instant now = clock.instant();
        return write(s -> s.markRetry(id, now, nextAttemptAt, httpStatus, reason));
    }

    /** PagerDuty refused the event for good; it is never retried automatically (see the class comment). */
    public CompletableFuture<Void> markDeadLetter(long id, int httpStatus, String reason) {
        Instant now = clock.instant();
        return write(s -> s.markDeadLetter(id, now, httpStatus, reason));
    }

    /**
     * Team mode: the event must not be sent by this member (a newer event of its dedup_key went out, or this member
     * no longer holds the sender lease and the stream gives its message to the team's sender). Final, like a
     * delivery: the next event of its key moves up.
     */
    public CompletableFuture<Void> markSuperseded(long id, String reason) {
        Instant now = clock.instant();
        return write(s -> s.markSuperseded(id, now, reason));
    }

    /** The audit committed the rows of these events' final outcomes: a restart need not audit them again. */
    public CompletableFuture<Void> markAudited(List<Long> ids) {
        List<Long> copy = List.copyOf(ids);
        return write(s -> s.markAudited(copy));
    }

    /**
     * Events with a final outcome (delivered, dead letter, superseded) whose audit row was never committed: the
     * process died between the two. Oldest first.
     */
    public List<EventRecord> auditDue(int limit) {
        return events("SELECT " + EVENT_COLUMNS + " FROM events WHERE audit_due = 1 AND state <> 'pending' "
                + "ORDER BY id LIMIT ?", limit);
    }

    /** A person re-sends a dead letter: it becomes pending and due now; its attempts history is kept. */
    public CompletableFuture<Void> requeue(long id) {
        Instant now = clock.instant();
        return write(s -> s.requeue(id, now));
    }

    /** Deletes delivered events (and their attempts) delivered before {@code cutoff}; gives the number deleted. */
    public CompletableFuture<Integer> pruneDelivered(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return write(s -> s.prune(cutoff));
    }

    /**
     * Every write goes through here so its result tells the file's health: the first failure of a full disk is
     * logged once, and the next commit (space came back) clears it. The future keeps the writer's own failure.
     */
    private <T> CompletableFuture<T> write(SqlWork<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        writer.submit(work).whenComplete((value, failure) -> {
            if (failure == null) {
                health.succeeded();
                result.complete(value);
            } else {
                health.failed(failure);
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    /** Whether writes commit: {@link StorageState#FULL} from the first write a full disk refused until one commits. */
    public StorageHealth.Reading health() {
        return health.reading();
    }

    // ---- reads ----------------------------------------------------------------------------------------------

    /**
     * Pending events the sender may attempt now: only the oldest pending event of each order key, only if its
     * next attempt time has come, never one whose key is in {@code excludedOrderKeys} (in flight). Most overdue
     * first, ties by age; for events never retried that is arrival order.
     */
    public List<PendingEvent> due(Instant now, int limit, Set<String> excludedOrderKeys) {
        return due(now, limit, excludedOrderKeys, Set.of());
    }

    /**
     * Like {@link #due(Instant, int, Set)}, also leaving out the events in {@code excludedIds}: the sender's own
     * schedule for events whose last attempt it could not record (a full disk), which the file still shows as due.
     */
    public List<PendingEvent> due(Instant now, int limit, Set<String> excludedOrderKeys, Set<Long> excludedIds) {
        if (limit <= 0) {
            return List.of();
        }
        Set<String> excluded = Set.copyOf(excludedOrderKeys);
        Set<Long> excludedEvents = Set.copyOf(excludedIds);
        return readers.read(c -> {
            List<PendingEvent> result = new ArrayList<>(Math.min(limit, 1_024));
            try (PreparedStatement ps = c.prepareStatement(DUE_SQL)) {
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, (long) limit + excluded.size() + excludedEvents.size());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && result.size() < limit) {
                        EventRecord e = Rows.event(rs);
                        String orderKey = Rows.orderKey(rs, e.id());
                        if (!excluded.contains(orderKey) && !excludedEvents.contains(e.id())) {
                            result.add(new PendingEvent(e.id(), orderKey, e.subject(), e.rule(),
                                    e.routingKeyRef(), e.endpoint(), e.dedupKey(), e.eventAction(), e.bodyJson(),
                                    e.receivedAt(), e.attempts(), e.nextAttemptAt(), rs.getLong("stream_seq"),
                                    rs.getLong("stream_delivery")));
                        }
                    }
                }
            }
            return result;
        });
    }

    /** Depth, age, dead letters and delivery rate, all from one snapshot. */
    public OutboxStats stats(Instant now) {
        return readers.read(c -> {
            Map<String, Long> byRef = new LinkedHashMap<>();
            long pending = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT routing_key_ref, count(*) FROM events "
                    + "WHERE state = 'pending' GROUP BY routing_key_ref");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byRef.put(rs.getString(1), rs.getLong(2));
                    pending += rs.getLong(2);
                }
            }
            Duration oldestAge = Duration.ZERO;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT min(received_at) FROM events WHERE state = 'pending'");
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    Duration age = Duration.between(Instant.ofEpochMilli(rs.getLong(1)), now);
                    oldestAge = age.isNegative() ? Duration.ZERO : age;
                }
            }
            long dead = count(c, "SELECT count(*) FROM events WHERE state = 'dead'", null);
            long deliveredLastMinute = count(c,
                    "SELECT count(*) FROM events WHERE state = 'delivered' AND delivered_at > ?",
                    now.minus(DELIVERY_RATE_WINDOW).toEpochMilli());
            return new OutboxStats(pending, oldestAge, dead, deliveredLastMinute, byRef);
        });
    }

    /** The newest events of any state, newest first. */
    public List<EventRecord> recent(int limit) {
        return events("SELECT " + EVENT_COLUMNS + " FROM events ORDER BY id DESC LIMIT ?", limit);
    }

    /** The most recently dead-lettered events, newest first. */
    public List<EventRecord> deadLetters(int limit) {
        return events("SELECT " + EVENT_COLUMNS + " FROM events WHERE state = 'dead' ORDER BY dead_at DESC, id DESC "
                + "LIMIT ?", limit);
    }

    /** One event, if it exists. */
    public java.util.Optional<EventRecord> event(long id) {
        List<EventRecord> found = readers.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + EVENT_COLUMNS + " FROM events WHERE id = ?")) {
                ps.setLong(1, id);
                return collect(ps);
            }
        });
        return found.stream().findFirst();
    }

    /** Every attempt of one event, oldest first. */
    public List<AttemptRecord> attempts(long id) {
        return readers.read(c -> {
            List<AttemptRecord> result = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT event_id, at, http_status, outcome, message "
                    + "FROM attempts WHERE event_id = ? ORDER BY id")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(new AttemptRecord(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)),
                                Rows.nullableInt(rs, 3), AttemptOutcome.fromColumn(rs.getString(4)),
                                rs.getString(5)));
                    }
                }
            }
            return result;
        });
    }

    /** {@code EXPLAIN QUERY PLAN} of a query on a read connection; lets tests pin the plans the comments promise. */
    List<String> explain(String sql, Object... parameters) {
        return readers.read(c -> {
            List<String> plan = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.add(rs.getString("detail"));
                    }
                }
            }
            return plan;
        });
    }

    private List<EventRecord> events(String sql, int limit) {
        return readers.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setInt(1, Math.max(0, limit));
                return collect(ps);
            }
        });
    }

    private static List<EventRecord> collect(PreparedStatement ps) throws SQLException {
        List<EventRecord> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(Rows.event(rs));
            }
        }
        return result;
    }

    private static long count(Connection c, String sql, Long parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setLong(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Commits whatever is queued, then closes; writes submitted afterwards fail. */
    @Override
    public void close() {
        try {
            writer.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            statements.close();
        } catch (SQLException ignored) {
            // closing the connection below releases them anyway
        }
        closeQuietly(writeConnection);
        try {
            readers.close();
        } catch (SQLException ignored) {
            // nothing left to protect: every write has committed or failed already
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // best effort on a failure path
        }
    }
}
