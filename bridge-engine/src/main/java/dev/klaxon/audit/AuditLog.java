package dev.klaxon.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.decision.Outcome;
import dev.klaxon.storage.StorageFiles;
import dev.klaxon.storage.StorageHealth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail: forwarded events, operator actions and config loads one row each, and per-subject per-minute
 * counts with a bounded sample for everything not forwarded.
 *
 * <p>Recording never blocks on the disk: every {@code record*} method enqueues for the single writer thread, which
 * commits in batches; {@link #count} only touches memory. {@link #flush()} gives tests and shutdown a point where
 * everything recorded so far is committed. Reads ({@link #search}, {@link #export}, {@link #tail}) see committed rows.
 */
public final class AuditLog implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
    /** Rows deleted per prune transaction, so retention never holds the writer for long. */
    private static final int PRUNE_BATCH = 5_000;
    private static final int TAIL_LIMIT = 1_000;

    private final Path dbFile;
    private final AuditChainKey chainKey;
    private final Clock clock;
    private final AuditSettings settings;
    private final StorageHealth health;
    private final AuditWriter writer;
    private final AuditChain chain;
    /** Used by writes only, which all run on the writer thread. */
    private final StatementCache statements = new StatementCache();
    private final AuditReader reader;
    private final MinuteAggregator minutes;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AttemptsJson attempts = new AttemptsJson(mapper);
    private final ScheduledExecutorService timer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AuditLog(Path dbFile, AuditChainKey chainKey, Clock clock, AuditSettings settings, Connection connection,
                     AuditChain chain) throws SQLException {
        this.dbFile = dbFile;
        this.chainKey = chainKey;
        this.clock = clock;
        this.chain = chain;
        this.settings = settings;
        this.health = new StorageHealth(dbFile, clock);
        this.minutes = new MinuteAggregator(settings);
        this.reader = new AuditReader(dbFile, attempts);
        this.writer = new AuditWriter(connection, dbFile, health, chain, settings.queueCapacity(),
                "klaxon-audit-writer");
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "klaxon-audit-timer");
            thread.setDaemon(true);
            return thread;
        });
        long flushMillis = settings.flushInterval().toMillis();
        timer.scheduleWithFixedDelay(this::flushCountsQuietly, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
        long pruneMillis = settings.pruneInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> prune(clock.instant()), pruneMillis, pruneMillis, TimeUnit.MILLISECONDS);
    }

    public static AuditLog open(Path dbFile, Clock clock) {
        return open(dbFile, clock, AuditSettings.defaults());
    }

    /**
     * Creates or upgrades the database file and starts the writer and the flush/prune timer.
     *
     * @throws dev.klaxon.storage.StorageException when the file is empty, not SQLite or damaged, or the directory
     *                                             cannot be written; the message names the file and the reason
     */
    public static AuditLog open(Path dbFile, Clock clock, AuditSettings settings) {
        return open(dbFile, clock, settings, AuditChainKey.none());
    }

    /**
     * As {@link #open(Path, Clock, AuditSettings)}, keying the chain: every writer of the file must use the same key.
     */
    public static AuditLog open(Path dbFile, Clock clock, AuditSettings settings, AuditChainKey chainKey) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(chainKey, "chainKey");
        Objects.requireNonNull(settings, "settings");
        Path parent = dbFile.toAbsolutePath().getParent();
        if (parent != null) {
            StorageFiles.ensureDirectory(parent);
        }
        // SQLite would take an empty or garbled file for a new database and write over the audit history.
        StorageFiles.checkDatabase(dbFile, "audit");
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + dbFile.toAbsolutePath());
            // Before WAL mode: SQLite gives the -wal and -shm files the mode of the database file.
            StorageFiles.restrictToOwner(dbFile);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 5000");
                statement.execute("PRAGMA journal_mode = WAL");
                // NORMAL in WAL mode: a committed row survives an application crash, only an OS crash may lose it.
                statement.execute("PRAGMA synchronous = NORMAL");
            }
            Schema.migrate(connection);
            AuditChain chain = new AuditChain(chainKey.hasher());
            chain.ensureOrigin(connection);
            return new AuditLog(dbFile, chainKey, clock, settings, connection, chain);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw StorageFiles.failure(dbFile, "cannot open the audit database", e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    // ---- recording -------------------------------------------------------------------------------------------

    /**
     * One row per page sent, dead-lettered or shadowed. Returns at once.
     *
     * @return completes with true once the row is committed, false when it was refused or its transaction failed
     */
    public CompletableFuture<Boolean> recordForwarded(ForwardedEvent event) {
        Objects.requireNonNull(event, "event");
        long recordedAt = clock.millis();
        String attemptsJson = attempts.write(maskAttempts(event.attempts()));
        String body = SecretMask.mask(event.body());
        String pdMessage = SecretMask.mask(event.pagerDutyMessage());
        List<Object> values = Arrays.asList(recordedAt, event.receivedAt().toEpochMilli(), event.subject(),
                event.ruleLabel(), event.dedupKey(), event.eventAction(), event.state().label(),
                event.deliveredAt() == null ? null : event.deliveredAt().toEpochMilli(), event.pagerDutyDedupKey(),
                pdMessage, attemptsJson, body);
        CompletableFuture<Boolean> committed = new CompletableFuture<>();
        AuditWriter.Write insert = new AuditWriter.Write() {
            @Override
            public void apply(Connection connection) throws SQLException {
                insertChained(connection, "INSERT INTO forwarded (recorded_at, received_at, subject, rule, dedup_key,"
                        + " event_action, state, delivered_at, pd_dedup_key, pd_message, attempts, body) VALUES"
                        + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", "forwarded",
                        event.receivedAt().toEpochMilli(), values);
            }

            @Override
            public void committed(boolean ok) {
                committed.complete(ok);
            }
        };
        if (!writer.submit(insert)) {
            committed.complete(false);
        }
        return committed;
    }

    /** One row per operator action, successful or not. Returns at once. */
    public void recordAction(OperatorAction action) {
        Objects.requireNonNull(action, "action");
        long recordedAt = clock.millis();
        String message = SecretMask.mask(action.message());
        writer.submit(connection -> insertChained(connection, "INSERT INTO actions (recorded_at, at, actor, action, "
                + "target, result, message) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", "actions",
                action.at().toEpochMilli(), Arrays.asList(recordedAt, action.at().toEpochMilli(), action.who(),
                        action.what(), SecretMask.mask(action.target()), action.ok() ? "ok" : "error", message)));
    }

    /**
     * One row per config load, at the clock's time.
     *
     * @param sha256  hex digest of the file's bytes ({@link #sha256(byte[])}); lets an operator tell which version ran
     * @param summary the errors when {@code ok} is false; optional otherwise
     */
    public void recordConfigLoad(Path path, String sha256, boolean ok, String summary) {
        Objects.requireNonNull(path, "path");
        long now = clock.millis();
        String file = path.toString();
        String text = SecretMask.mask(summary);
        writer.submit(connection -> insertChained(connection, "INSERT INTO config_loads (recorded_at, at, path, "
                + "sha256, result, summary) VALUES (?, ?, ?, ?, ?, ?) RETURNING id", "config_loads", now,
                Arrays.asList(now, now, file, sha256, ok ? "ok" : "error", text)));
    }

    /** Hex SHA-256 of a config file's bytes, for {@link #recordConfigLoad}. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Counts one message that was not forwarded. Memory only, no allocation unless a sample is kept: safe to call
     * for every message on the hot path. Counts reach the database at the next periodic flush.
     *
     * @param sampleBody kept only if this message becomes one of the minute's bounded samples; may be null
     */
    public void count(String subject, Outcome outcome, String reason, Instant at, String sampleBody) {
        countAny(subject, outcome, reason, at, sampleBody);
    }

    /** As {@link #count(String, Outcome, String, Instant, String)}, decoding the raw body only if it is sampled. */
    public void count(String subject, Outcome outcome, String reason, Instant at, byte[] sampleBody) {
        countAny(subject, outcome, reason, at, sampleBody);
    }

    private void countAny(String subject, Outcome outcome, String reason, Instant at, Object sampleBody) {
        // Never throw on the hot path over a missing field: a null subject would also fail the whole flush's insert.
        minutes.count(subject == null ? AuditSettings.OTHER_SUBJECT : subject, Objects.requireNonNull(outcome),
                reason, at == null ? clock.instant() : at, sampleBody);
    }

    /**
     * Adds {@code n} messages of one subject and outcome to the per-minute counts of {@code at}'s minute, for
     * callers that already count (the engine hands over deltas of its live stats).
     */
    public void addCount(String subject, Outcome outcome, long n, Instant at) {
        if (n > 0) {
            minutes.add(subject == null ? AuditSettings.OTHER_SUBJECT : subject, Objects.requireNonNull(outcome), n,
                    at == null ? clock.instant() : at);
        }
    }

    /** Offers one message as a sample of its subject and outcome (kept within the caps); counts nothing. */
    public void sample(String subject, Outcome outcome, String reason, Instant at, String body) {
        minutes.sample(subject == null ? AuditSettings.OTHER_SUBJECT : subject, Objects.requireNonNull(outcome),
                reason, at == null ? clock.instant() : at, body);
    }

    /** Completes once everything recorded or counted before the call is committed. */
    public CompletableFuture<Void> flush() {
        flushCounts();
        return writer.flush();
    }

    // ---- retention -------------------------------------------------------------------------------------------

    /**
     * Deletes rows older than the retention period before {@code now}, from every table, a bounded batch per
     * transaction, then trims the chain's leading entries whose rows are gone and appends an anchor so the rest
     * still verifies. The background timer calls this; tests call it with their clock.
     *
     * @return the number of rows deleted
     */
    public CompletableFuture<Long> prune(Instant now) {
        long cutoff = now.minus(settings.retention()).toEpochMilli();
        PruneStep first = new PruneStep(chain, cutoff, 0, new long[] {0, -1}, new CompletableFuture<>());
        writer.submitControl(first);
        return first.done;
    }

    /**
     * Deletes one batch from one table; its {@link #next} continues in the same table or the following one, and
     * after the last table trims the chain.
     */
    private static final class PruneStep implements AuditWriter.Write {
        private final AuditChain chain;
        private final long cutoff;
        private final int table;
        /** Rows deleted so far, and the chain's tip when the prune began (-1 until the first step ran). */
        private final long[] state;
        private final CompletableFuture<Long> done;
        private int deleted;

        PruneStep(AuditChain chain, long cutoff, int table, long[] state, CompletableFuture<Long> done) {
            this.chain = chain;
            this.cutoff = cutoff;
            this.table = table;
            this.state = state;
            this.done = done;
        }

        private boolean trimStep() {
            return table == Schema.PRUNABLE.size();
        }

        @Override
        public void apply(Connection connection) throws SQLException {
            if (trimStep()) {
                chain.trim(connection, cutoff, state[1]);
                return;
            }
            Schema.TimeColumn target = Schema.PRUNABLE.get(table);
            String sql = "DELETE FROM " + target.table() + " WHERE rowid IN (SELECT rowid FROM " + target.table()
                    + " WHERE " + target.column() + " < ? LIMIT " + PRUNE_BATCH + ")";
            try (PreparedStatement delete = connection.prepareStatement(sql)) {
                delete.setLong(1, cutoff);
                deleted = delete.executeUpdate();
            }
            if (state[1] < 0) {
                // Rows recorded after this point may be newer than the deletes reach: their entries stay. Read
                // after the delete, under the write lock, so no other process appends in between.
                state[1] = chain.tip(connection);
            }
        }

        @Override
        public void committed(boolean ok) {
            if (!ok) {
                done.completeExceptionally(new AuditException("audit prune failed", null));
                return;
            }
            state[0] += deleted;
            if (trimStep()) {
                done.complete(state[0]);
            }
        }

        @Override
        public AuditWriter.Write next() {
            if (done.isDone()) {
                return null;
            }
            return new PruneStep(chain, cutoff, deleted < PRUNE_BATCH ? table + 1 : table, state, done);
        }
    }

    // ---- queries ---------------------------------------------------------------------------------------------

    /** Matching rows, newest first. */
    public List<AuditRow> search(AuditQuery query) {
        List<AuditRow> rows = new ArrayList<>();
        reader.scan(query, AuditReader.Order.NEWEST_FIRST, null, rows::add);
        return rows;
    }

    /**
     * Streams matching rows, oldest first, to {@code out} (not closed). CSV has a header row and RFC 4180
     * quoting; JSONL has one object per line. Returns the number of rows written.
     */
    public long export(AuditQuery query, ExportFormat format, Writer out) throws IOException {
        return export(query, format, out, false);
    }

    /**
     * As a JSONL {@link #export}, followed by the audit chain (one {@code {"chain":...}} line per entry and a closing
     * {@code {"chain_end":...}} line) read in the same snapshot as the rows, so a copy can be verified with
     * {@link #verifyExport}. Separate from the plain export: readers of existing exports expect only row lines.
     */
    public long exportWithChain(AuditQuery query, Writer out) throws IOException {
        return export(query, ExportFormat.JSONL, out, true);
    }

    private long export(AuditQuery query, ExportFormat format, Writer out, boolean withChain) throws IOException {
        RowExporter exporter = new RowExporter(mapper, attempts, format, out);
        exporter.begin();
        long[] written = new long[1];
        try (Connection connection = reader.connect()) {
            connection.setAutoCommit(false); // rows and chain from one snapshot
            try {
                reader.scan(connection, query, AuditReader.Order.OLDEST_FIRST, null, row -> {
                    try {
                        exporter.write(row);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    written[0]++;
                    return true;
                });
                if (withChain) {
                    ExportedChain.write(connection, mapper, out, query.equals(AuditQuery.all()));
                }
            } finally {
                connection.rollback();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (SQLException e) {
            throw new AuditException("audit export failed: " + e.getMessage(), e);
        }
        out.flush();
        return written[0];
    }

    /**
     * Verifies a JSONL export written by {@link #export}: the chain's links, and every exported row against its
     * entry. A complete export (no filter) must also hold every row the chain names that retention has not pruned.
     * Needs no database.
     */
    public static ChainVerification verifyExport(Path exportFile, AuditChainKey chainKey) throws IOException {
        return ExportedChain.verify(exportFile, chainKey.hasher());
    }

    /**
     * Rows recorded after {@code since} (by recording time, so a page delivered late after an outage still shows),
     * oldest first, at most 1000. Poll with the last row's {@link AuditRow#recordedAt}; rows recorded in the same
     * millisecond as that one may repeat or, at the 1000 cap, be skipped, so callers should de-duplicate by kind+id.
     */
    public List<AuditRow> tail(Instant since) {
        List<AuditRow> rows = new ArrayList<>();
        reader.scan(AuditQuery.all().limit(TAIL_LIMIT), AuditReader.Order.RECORDED,
                since == null ? Instant.EPOCH.minusMillis(1) : since, rows::add);
        return rows;
    }

    /**
     * Checks the tamper-evident chain against the rows on disk: every link, every row's hash, that deleted rows were
     * pruned by retention, and that no row sits outside the chain. Blocking and I/O-bound (one point read per
     * row, on its own connection): run it off the UI thread. Rows committed while it runs are not included.
     */
    public ChainVerification verifyChain() {
        return DatabaseChainCheck.verify(dbFile, chainKey.hasher());
    }

    /**
     * As {@link #verifyChain} on a file no {@code AuditLog} has open here, read only: evidence is not migrated or
     * written to by checking it.
     *
     * @throws dev.klaxon.storage.StorageException when the file is missing, empty or not SQLite
     */
    public static ChainVerification verifyDatabase(Path dbFile, AuditChainKey chainKey) {
        if (!Files.isRegularFile(dbFile)) {
            throw new AuditException("no audit database at " + dbFile, null);
        }
        StorageFiles.checkDatabase(dbFile, "audit");
        return DatabaseChainCheck.verify(dbFile, chainKey.hasher());
    }

    // ---- health ----------------------------------------------------------------------------------------------

    /** Writes refused because the writer's queue was full or the log closed. Non-zero means audit rows were lost. */
    public long refusedWrites() {
        return writer.refusedWrites();
    }

    /** Writes the database rejected (logged with the cause). */
    public long failedWrites() {
        return writer.failedWrites();
    }

    /** Whether the audit file takes writes; while it does not, the writer holds its batch and retries. */
    public StorageHealth.Reading health() {
        return health.reading();
    }

    /** Flushes counts, writes everything queued, stops the timer and closes the database. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushCounts();
        writer.close();
    }

    private void flushCountsQuietly() {
        try {
            flushCounts();
        } catch (RuntimeException e) {
            // A timer task that throws is never run again; keep counting.
            LOG.log(Level.WARNING, "audit count flush failed: " + e.getMessage(), e);
        }
    }

    private void flushCounts() {
        MinuteAggregator.Drained drained = minutes.drain(clock.instant());
        if (drained.isEmpty()) {
            return;
        }
        int perKey = settings.samplesPerKey();
        int perMinute = settings.maxSamplesPerMinute();
        // Counts must not be refused for lack of room: they stand for many messages each.
        writer.submitControl(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO subject_minutes (minute, "
                    + "subject, outcome, count) VALUES (?, ?, ?, ?) ON CONFLICT (minute, subject, outcome) "
                    + "DO UPDATE SET count = count + excluded.count RETURNING rowid, count")) {
                // Counts change after insert: each upsert chains the row as it now stands, and only the newest
                // entry of a row must match it.
                for (MinuteAggregator.MinuteCount c : drained.counts()) {
                    upsert.setLong(1, c.minute());
                    upsert.setString(2, c.subject());
                    upsert.setString(3, c.outcome().label());
                    upsert.setLong(4, c.count());
                    try (ResultSet rs = upsert.executeQuery()) {
                        rs.next();
                        chain.append(connection, "subject_minutes", rs.getLong(1), c.minute(),
                                Arrays.asList(c.minute(), c.subject(), c.outcome().label(), rs.getLong(2)));
                    }
                }
            }
            // The caps are checked again in SQL so they hold across flushes and restarts, not only in memory.
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO samples (minute, at, subject, "
                    + "outcome, reason, body) SELECT ?, ?, ?, ?, ?, ? WHERE (SELECT count(*) FROM samples WHERE "
                    + "minute = ? AND subject = ? AND outcome = ?) < ? AND (SELECT count(*) FROM samples WHERE "
                    + "minute = ?) < ? RETURNING id")) {
                for (MinuteAggregator.Sample s : drained.samples()) {
                    insert.setLong(1, s.minute());
                    insert.setLong(2, s.at().toEpochMilli());
                    insert.setString(3, s.subject());
                    insert.setString(4, s.outcome().label());
                    insert.setString(5, s.reason());
                    insert.setString(6, s.body());
                    insert.setLong(7, s.minute());
                    insert.setString(8, s.subject());
                    insert.setString(9, s.outcome().label());
                    insert.setInt(10, perKey);
                    insert.setLong(11, s.minute());
                    insert.setInt(12, perMinute);
                    // One by one: each insert's cap check must see the previous ones. No row back: over the cap.
                    try (ResultSet rs = insert.executeQuery()) {
                        if (rs.next()) {
                            chain.append(connection, "samples", rs.getLong(1), s.minute(), Arrays.asList(s.minute(),
                                    s.at().toEpochMilli(), s.subject(), s.outcome().label(), s.reason(), s.body()));
                        }
                    }
                }
            }
        });
    }

    /** Binds {@code values} in order, inserts (the statement returns the new id) and chains the row. */
    private void insertChained(Connection connection, String sql, String table, long at, List<Object> values)
            throws SQLException {
        PreparedStatement insert = statements.get(connection, sql);
        for (int i = 0; i < values.size(); i++) {
            insert.setObject(i + 1, values.get(i));
        }
        try (ResultSet rs = insert.executeQuery()) {
            rs.next();
            chain.append(connection, table, rs.getLong(1), at, values);
        }
    }

    private static List<DeliveryAttempt> maskAttempts(List<DeliveryAttempt> list) {
        List<DeliveryAttempt> masked = new ArrayList<>(list.size());
        for (DeliveryAttempt a : list) {
            masked.add(new DeliveryAttempt(a.at(), a.httpStatus(), SecretMask.mask(a.message())));
        }
        return masked;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already failing; the original error is the one worth reporting
            }
        }
    }
}
