package dev.klaxon.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The writer thread's prepared inserts, compiled once instead of per row: with the chain's own insert per row,
 * compiling each statement anew was a visible share of the writer's time. Writer thread only; the statements close
 * with the connection.
 */
final class StatementCache {
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    PreparedStatement get(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }
}
