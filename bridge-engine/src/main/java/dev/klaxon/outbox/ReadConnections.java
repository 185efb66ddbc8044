package dev.klaxon.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A few read-only connections shared by the sender, the console and the command line. In WAL mode readers never
 * block the writer nor each other; each read runs in one short transaction so it sees one consistent snapshot and
 * then lets checkpoints move past it.
 */
final class ReadConnections implements AutoCloseable {

    @FunctionalInterface
    interface Read<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final BlockingQueue<Connection> idle;
    private final List<Connection> all;

    ReadConnections(List<Connection> connections) throws SQLException {
        this.all = List.copyOf(connections);
        this.idle = new ArrayBlockingQueue<>(connections.size(), false, connections);
        for (Connection c : all) {
            c.setAutoCommit(false);
        }
    }

    <T> T read(Read<T> read) {
        Connection connection;
        try {
            connection = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxException("interrupted while waiting for a read connection", e);
        }
        try {
            T result = read.apply(connection);
            connection.commit();
            return result;
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new OutboxException("outbox read failed", e);
        } finally {
            idle.add(connection);
        }
    }

    @Override
    public void close() throws SQLException {
        List<SQLException> failures = new ArrayList<>();
        for (Connection c : all) {
            try {
                c.close();
            } catch (SQLException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
