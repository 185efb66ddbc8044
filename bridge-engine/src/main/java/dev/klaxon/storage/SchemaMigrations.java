package dev.klaxon.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Versioned SQLite schemas, one rule for every database: {@code PRAGMA user_version} holds the number of migrations
 * applied, and each migration runs in one transaction with its version bump (user_version lives in the file's
 * header page, so it commits or rolls back with the DDL): a crash mid-migration leaves the previous version intact.
 * A file written by a newer Klaxon is refused rather than guessed at.
 */
public final class SchemaMigrations {
    private SchemaMigrations() {
    }

    /**
     * Brings the schema up to date; a no-op on an up-to-date file.
     *
     * @param what       the database in words, for messages ("audit", "outbox", ...)
     * @param migrations each one's statements, in order; append new ones, never edit one that has shipped
     * @param newer      the exception for a file at a version past {@code migrations}: each store names its own
     */
    public static void apply(Connection connection, String what, List<List<String>> migrations,
                             IntFunction<RuntimeException> newer) throws SQLException {
        int current = userVersion(connection);
        if (current > migrations.size()) {
            throw newer.apply(current);
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (int next = current + 1; next <= migrations.size(); next++) {
                try (Statement statement = connection.createStatement()) {
                    for (String sql : migrations.get(next - 1)) {
                        statement.executeUpdate(sql);
                    }
                    statement.executeUpdate("PRAGMA user_version = " + next);
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw new SQLException(what + " schema migration " + next + " failed: " + e.getMessage(), e);
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    public static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
