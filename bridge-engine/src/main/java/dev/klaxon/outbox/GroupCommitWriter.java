package dev.klaxon.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The one thread that writes the outbox. SQLite allows one writer at a time and a commit costs an fsync-free but
 * still real WAL append, so instead of a transaction per call the thread takes everything queued (up to
 * {@link #MAX_BATCH} tasks), runs it in one transaction and commits once: group commit. Under load the batch grows
 * by itself, which is what lifts commits per second from tens of thousands to hundreds of thousands.
 *
 * <p>A task that fails (a mark on a row in the wrong state) fails only its own future: the batch is rolled back
 * and its tasks rerun one transaction each. Futures complete only after COMMIT returned, i.e. when the work
 * is durable, and they complete on a separate thread so a caller's {@code thenApply} can never stall the writer.
 */
final class GroupCommitWriter implements AutoCloseable {

    static final int MAX_BATCH = 2_048;
    private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class.getName());

    private final Connection connection;
    private final WriteStatements statements;
    /** Turns a database failure into what callers see: the outbox names its file and the OS reason. */
    private final Function<SQLException, RuntimeException> databaseFailure;
    private final LinkedBlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final ExecutorService completions;
    private final Thread thread;
    // Submitters share the read side; close() takes the write side, so no task can be added after STOP unseen.
    private final ReadWriteLock closing = new ReentrantReadWriteLock();
    private boolean closed;

    GroupCommitWriter(Connection connection, WriteStatements statements, String name,
                      Function<SQLException, RuntimeException> databaseFailure) {
        this.connection = connection;
        this.statements = statements;
        this.databaseFailure = databaseFailure;
        this.completions = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, name + "-completions");
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::run, name + "-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    <T> CompletableFuture<T> submit(SqlWork<T> work) {
        Task<T> task = new Task<>(work, new CompletableFuture<>());
        closing.readLock().lock();
        try {
            if (closed) {
                task.future.completeExceptionally(new IllegalStateException("outbox is closed"));
            } else {
                queue.add(task);
            }
        } finally {
            closing.readLock().unlock();
        }
        return task.future;
    }

    private void run() {
        List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (true) {
                Task<?> first = queue.take();
                if (first == Task.STOP) {
                    break;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                boolean stop = batch.remove(Task.STOP);
                commit(batch);
                batch.clear();
                if (stop) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // After an interrupt, what is still queued is committed rather than left hanging forever.
            List<Task<?>> leftovers = new ArrayList<>();
            queue.drainTo(leftovers);
            leftovers.remove(Task.STOP);
            commit(leftovers);
        }
    }

    private void commit(List<Task<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try (Statement control = connection.createStatement()) {
            if (!runInOneTransaction(control, batch)) {
                // Rare path: one task failed (a mark on a row in the wrong state, ...). Redo each task in its own
                // transaction so only the failing one fails. Cheaper overall than a savepoint around every task.
                for (Task<?> task : batch) {
                    runInOneTransaction(control, List.of(task));
                }
            }
        } catch (SQLException | RuntimeException e) {
            RuntimeException failure = e instanceof SQLException sql ? databaseFailure.apply(sql)
                    : new OutboxException("outbox transaction failed", e);
            List<Task<?>> failed = List.copyOf(batch);
            completions.execute(() -> failed.forEach(task -> task.future.completeExceptionally(failure)));
            return;
        }
        List<Task<?>> done = List.copyOf(batch);
        completions.execute(() -> done.forEach(task -> task.complete(databaseFailure)));
    }

    /** After a statement failed in SQLite (a full disk), the driver has closed it: prepare them all again. */
    private void reprepare() {
        try {
            statements.reprepare();
        } catch (SQLException e) {
            // Preparing writes nothing; if even that fails the next commit fails too and says why.
            LOG.warning("could not prepare the outbox statements again: " + e.getMessage());
        }
    }

    /** True if every task succeeded and the transaction committed; on a task failure rolls back, returns false. */
    private boolean runInOneTransaction(Statement control, List<Task<?>> tasks) throws SQLException {
        control.executeUpdate("BEGIN IMMEDIATE");
        statements.transactionStarted();
        try {
            for (Task<?> task : tasks) {
                if (!task.apply(statements)) {
                    // Quietly: after SQLITE_FULL SQLite may have rolled back already, and "no transaction is
                    // active" must not replace the task's own failure.
                    rollbackQuietly(control);
                    if (task.failedInTheDatabase()) {
                        reprepare();
                    }
                    return tasks.size() == 1; // a lone task keeps its failure; a group is retried one by one
                }
            }
            control.executeUpdate("COMMIT");
            statements.transactionCommitted();
            return true;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(control);
            reprepare();
            throw e;
        }
    }

    private void rollbackQuietly(Statement control) {
        try {
            control.executeUpdate("ROLLBACK");
        } catch (SQLException ignored) {
            // The original failure is what matters; SQLite may already have rolled back on its own.
        }
        // Either way the rows are back as they were at BEGIN, so the writer's in-memory view must be too.
        statements.transactionRolledBack();
    }

    /** Commits what is queued, then stops the thread; later submissions fail with IllegalStateException. */
    @Override
    public void close() throws InterruptedException {
        closing.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(Task.STOP);
        } finally {
            closing.writeLock().unlock();
        }
        thread.join();
        completions.shutdown();
        completions.awaitTermination(30, TimeUnit.SECONDS);
    }

    private static final class Task<T> {
        static final Task<Object> STOP = new Task<>(statements -> null, new CompletableFuture<>());

        final SqlWork<T> work;
        final CompletableFuture<T> future;
        private T result;
        private Throwable failure;

        Task(SqlWork<T> work, CompletableFuture<T> future) {
            this.work = work;
            this.future = future;
        }

        boolean failedInTheDatabase() {
            return failure instanceof SQLException;
        }

        /** Runs the work, keeping its result or its failure; true if it succeeded. */
        boolean apply(WriteStatements statements) {
            try {
                result = work.apply(statements);
                failure = null;
                return true;
            } catch (SQLException | RuntimeException e) {
                result = null;
                failure = e;
                return false;
            }
        }

        void complete(Function<SQLException, RuntimeException> databaseFailure) {
            if (failure instanceof SQLException sql) {
                future.completeExceptionally(databaseFailure.apply(sql));
            } else if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(result);
            }
        }
    }
}
