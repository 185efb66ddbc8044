package dev.klaxon.audit;

import dev.klaxon.storage.StorageFiles;
import dev.klaxon.storage.StorageHealth;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit's only writer: one thread owning one connection, taking queued writes in batches and committing each
 * batch as one transaction (batched commits are over ten times faster than autocommit in WAL mode). Callers only
 * enqueue; a full queue refuses the write and counts it rather than making the caller wait on the disk.
 *
 * <p>When storage refuses a batch (a full disk, an I/O error) the batch is kept and retried with a growing pause
 * ({@link #FIRST_RETRY} to {@link #MAX_RETRY}) until it commits, instead of being split and dropped write by write
 * with a stack trace each. Meanwhile the bounded queue fills and further writes are refused and counted: the audit
 * holds at most {@code capacity} rows in memory. It recovers by itself when space returns; a close while storage
 * still refuses gives the batch one last try and then counts it as failed.
 */
final class AuditWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AuditWriter.class.getName());
    private static final int MAX_BATCH = 2_000;
    static final Duration FIRST_RETRY = Duration.ofMillis(250);
    static final Duration MAX_RETRY = Duration.ofSeconds(5);

    /** One unit of work run inside the writer's transaction. */
    @FunctionalInterface
    interface Write {
        void apply(Connection connection) throws SQLException;

        /** Called after the transaction holding this write committed (or after it was given up). */
        default void committed(boolean ok) {
        }

        /**
         * Work to continue with in a later transaction (a prune deleting in bounded steps), or null. Continuations
         * queue behind whatever callers submitted meanwhile, so a long prune never holds up recording.
         */
        default Write next() {
            return null;
        }
    }

    private final Connection connection;
    private final Path dbFile;
    private final StorageHealth health;
    private final AuditChain chain;
    private final BlockingQueue<Write> queue;
    private final Thread thread;
    /** Touched by the writer thread only. */
    private final ArrayDeque<Write> continuations = new ArrayDeque<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean stopping;

    AuditWriter(Connection connection, Path dbFile, StorageHealth health, AuditChain chain, int capacity,
                String threadName) throws SQLException {
        this.connection = connection;
        this.dbFile = dbFile;
        this.health = health;
        this.chain = chain;
        this.queue = new ArrayBlockingQueue<>(capacity);
        connection.setAutoCommit(false);
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** @return false when the queue is full or the writer closed; the write is then counted as refused */
    boolean submit(Write write) {
        if (stopping || !queue.offer(write)) {
            refused.incrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * Enqueues a write that must not be refused for lack of room (flush markers, prune steps): these are rare and
     * tiny, and a flush that silently never completes would hang its caller.
     */
    void submitControl(Write write) {
        if (stopping) {
            write.committed(false);
            return;
        }
        try {
            if (!queue.offer(write, 5, TimeUnit.SECONDS)) {
                refused.incrementAndGet();
                write.committed(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            write.committed(false);
        }
    }

    /** A future completed once every write submitted before it is committed. */
    CompletableFuture<Void> flush() {
        Marker marker = new Marker();
        submitControl(marker);
        return marker.done;
    }

    long refusedWrites() {
        return refused.get();
    }

    long failedWrites() {
        return failed.get();
    }

    private void run() {
        List<Write> batch = new ArrayList<>();
        while (true) {
            try {
                Write first = continuations.isEmpty() ? queue.poll(200, TimeUnit.MILLISECONDS) : queue.poll();
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                }
                batch.addAll(continuations);
                continuations.clear();
                if (batch.isEmpty()) {
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                commit(batch);
            } catch (InterruptedException e) {
                // Only close() interrupts, after it has stopped intake; finish what is queued, then leave.
                queue.drainTo(batch);
                commit(batch);
                continuations.forEach(w -> w.committed(false)); // a prune cut short; the next one resumes it
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Write> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Duration pause = FIRST_RETRY;
        while (true) {
            chain.forget();
            try {
                for (Write write : batch) {
                    write.apply(connection);
                }
                connection.commit();
                health.succeeded();
                batch.forEach(this::done);
                return;
            } catch (SQLException e) {
                rollback();
                if (!StorageFiles.isStorageFailure(e)) {
                    commitOneByOne(batch, e);
                    return;
                }
                // The disk, not the rows: the same batch will commit once storage takes writes again.
                health.failed(StorageFiles.failure(dbFile, "cannot write to the audit", e));
                if (stopping || !pause(pause)) {
                    giveUp(batch);
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : pause.multipliedBy(2);
            } catch (RuntimeException e) {
                rollback();
                commitOneByOne(batch, e);
                return;
            }
        }
    }

    /** One bad write must not take the whole batch down: retry each on its own. */
    private void commitOneByOne(List<Write> batch, Exception cause) {
        LOG.log(Level.WARNING, "audit batch failed, retrying writes one by one: " + cause.getMessage());
        for (Write write : batch) {
            commitAlone(write);
        }
    }

    private void commitAlone(Write write) {
        chain.forget();
        try {
            write.apply(connection);
            connection.commit();
            done(write);
        } catch (SQLException | RuntimeException e) {
            rollback();
            failed.incrementAndGet();
            if (e instanceof SQLException sql && StorageFiles.isStorageFailure(sql)) {
                health.failed(StorageFiles.failure(dbFile, "cannot write to the audit", sql)); // logged there, once
            } else {
                LOG.log(Level.WARNING, "audit write dropped: " + e.getMessage(), e);
            }
            write.committed(false);
        }
    }

    /** False when interrupted (close gave up waiting). */
    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void giveUp(List<Write> batch) {
        failed.addAndGet(batch.size());
        LOG.severe(batch.size() + " audit row(s) not written: storage still refused them when the audit closed");
        batch.forEach(write -> write.committed(false));
    }

    private void done(Write write) {
        write.committed(true);
        Write next = write.next();
        if (next != null) {
            continuations.add(next);
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // SQLite rolls back by itself after some errors (SQLITE_FULL): "no transaction is active". The driver
            // then skips the BEGIN that follows its ROLLBACK, and the next writes would each commit on their own,
            // outside any batch. Start the transaction again by hand.
            restartTransaction(e);
        }
    }

    private void restartTransaction(SQLException rollbackFailure) {
        try {
            connection.setAutoCommit(true); // its COMMIT fails the same way; the mode is switched all the same
        } catch (SQLException expected) {
            // nothing was open to commit
        }
        try {
            connection.setAutoCommit(false); // BEGIN
        } catch (SQLException e) {
            e.addSuppressed(rollbackFailure);
            LOG.log(Level.WARNING, "audit could not start a new transaction after a failed one: " + e.getMessage());
        }
    }

    /** Stops intake, writes what is queued, and closes the connection. */
    @Override
    public void close() {
        stopping = true;
        queue.offer(connection -> { }); // wake the writer now instead of at its next poll timeout
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "closing audit database failed: " + e.getMessage(), e);
        }
    }

    /** Completes when the batch holding it commits: everything queued before it is on disk. */
    private static final class Marker implements Write {
        final CompletableFuture<Void> done = new CompletableFuture<>();

        @Override
        public void apply(Connection connection) {
        }

        @Override
        public void committed(boolean ok) {
            done.complete(null); // a failed neighbour was retried alone; the flush itself has nothing to fail
        }
    }
}
