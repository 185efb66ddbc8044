package dev.klaxon.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
     * Opens a small SQLite file (busy timeout 5 s, WAL, then {@code pragmas}) and brings its schema up to date; the
     * connection is closed again if any of that fails.
     *
     * @param pragmas further {@code PRAGMA} statements, e.g. {@code "PRAGMA synchronous = NORMAL"}
     */
    public static Connection open(Path file, List<String> pragmas, String what, List<List<String>> migrations,
                                  IntFunction<RuntimeException> newer) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 5000");
                statement.execute("PRAGMA journal_mode = WAL");
                for (String pragma : pragmas) {
                    statement.execute(pragma);
                }
            }
            // After the PRAGMAs' results are closed: SQLite commits nothing while one is open.
            apply(connection, what, migrations, newer);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
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
