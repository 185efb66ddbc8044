package dev.klaxon.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the audit file with plain SQL, so tests check what is really on disk rather than the API's view of it. */
final class SqliteProbe {
    private final String url;

    SqliteProbe(Path file) {
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
    }

    long longValue(String sql, Object... params) {
        List<List<Object>> rows = rows(sql, params);
        Object value = rows.get(0).get(0);
        return value == null ? 0 : ((Number) value).longValue();
    }

    List<List<Object>> rows(String sql, Object... params) {
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(rs.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
