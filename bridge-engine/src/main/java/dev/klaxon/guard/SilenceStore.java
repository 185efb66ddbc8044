package dev.klaxon.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.route.SubjectPattern;
import dev.klaxon.storage.SchemaMigrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Silences on disk ({@code storage.dir/silences.db}), so they survive restarts. Unlike the outbox, several processes
 * may write here (the console's engine and a {@code silence add} from a terminal): writes are rare, single
 * statements, and SQLite's own locking with a busy timeout serialises them. The engine re-reads the table every
 * few seconds to see silences added elsewhere.
 */
public final class SilenceStore implements SilenceStorage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<List<String>> MIGRATIONS = List.of(List.of("""
            CREATE TABLE silences (
              id                   INTEGER PRIMARY KEY,
              pattern              TEXT    NOT NULL,
              matchers             TEXT    NOT NULL,
              starts_at            INTEGER NOT NULL,
              ends_at              INTEGER NOT NULL,
              created_by           TEXT    NOT NULL,
              reason               TEXT    NOT NULL,
              created_at           INTEGER NOT NULL,
              expired_at           INTEGER,
              matched              INTEGER NOT NULL DEFAULT 0,
              expired_while_firing INTEGER NOT NULL DEFAULT 0
            )"""));

    private final Connection connection;

    private SilenceStore(Connection connection) {
        this.connection = connection;
    }

    /** Opens (creating or upgrading) the file. */
    public static SilenceStore open(Path file) {
        try {
            return new SilenceStore(SchemaMigrations.open(file, List.of(), "silences", MIGRATIONS,
                    version -> new GuardStorageException("silences schema version " + version
                            + " is newer than this Klaxon knows", null)));
        } catch (SQLException e) {
            throw new GuardStorageException("cannot open the silences file " + file, e);
        }
    }

    @Override
    public synchronized Silence add(SubjectPattern pattern, List<PayloadMatcher> matchers, Instant startsAt,
                                    Instant endsAt, String createdBy, String reason, Instant createdAt) {
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO silences (pattern, matchers, starts_at, ends_at, created_by, reason, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, pattern.text());
            ps.setString(2, JSON.writeValueAsString(matchers.stream().map(PayloadMatcher::toString).toList()));
            ps.setLong(3, startsAt.toEpochMilli());
            ps.setLong(4, endsAt.toEpochMilli());
            ps.setString(5, createdBy);
            ps.setString(6, reason == null ? "" : reason);
            ps.setLong(7, createdAt.toEpochMilli());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new Silence(keys.getLong(1), pattern, matchers, startsAt, endsAt, createdBy, reason, createdAt,
                        null);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new GuardStorageException("cannot store the silence", e);
        }
    }

    /** One laptop, one person: {@code seenRevision} and {@code who} are not kept (the audit has who). */
    @Override
    public synchronized boolean expire(long id, long seenRevision, String who, Instant now) {
        return update("UPDATE silences SET expired_at = ? WHERE id = ? AND expired_at IS NULL AND ends_at > ?",
                now.toEpochMilli(), id, now.toEpochMilli()) == 1;
    }

    @Override
    public synchronized boolean extend(long id, Instant newEnd, long seenRevision, String who, Instant now) {
        return update("UPDATE silences SET ends_at = ? WHERE id = ? AND expired_at IS NULL AND ends_at > ?",
                newEnd.toEpochMilli(), id, now.toEpochMilli()) == 1;
    }

    @Override
    public synchronized void addMatches(Map<Long, Long> counts) {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE silences SET matched = matched + ? WHERE id = ?")) {
            for (Map.Entry<Long, Long> entry : counts.entrySet()) {
                ps.setLong(1, entry.getValue());
                ps.setLong(2, entry.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new GuardStorageException("cannot record silence matches", e);
        }
    }

    @Override
    public synchronized void markExpiredWhileFiring(long id) {
        update("UPDATE silences SET expired_while_firing = 1 WHERE id = ?", id);
    }

    @Override
    public synchronized List<SilenceRecord> all() {
        List<SilenceRecord> result = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT id, pattern, matchers, starts_at, ends_at, created_by, reason, created_at, expired_at,
                       matched, expired_while_firing
                     FROM silences ORDER BY id DESC""")) {
            while (rs.next()) {
                long expired = rs.getLong("expired_at");
                Instant expiredAt = rs.wasNull() ? null : Instant.ofEpochMilli(expired);
                Silence silence = new Silence(rs.getLong("id"), SubjectPattern.compile(rs.getString("pattern")),
                        matchers(rs.getString("matchers")), Instant.ofEpochMilli(rs.getLong("starts_at")),
                        Instant.ofEpochMilli(rs.getLong("ends_at")), rs.getString("created_by"),
                        rs.getString("reason"), Instant.ofEpochMilli(rs.getLong("created_at")), expiredAt);
                result.add(new SilenceRecord(silence, rs.getLong("matched"), rs.getInt("expired_while_firing") == 1));
            }
            return result;
        } catch (SQLException e) {
            throw new GuardStorageException("cannot read the silences", e);
        }
    }

    public synchronized Optional<SilenceRecord> find(long id) {
        return all().stream().filter(r -> r.silence().id() == id).findFirst();
    }

    private int update(String sql, long... values) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setLong(i + 1, values[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new GuardStorageException("cannot change the silence", e);
        }
    }

    private static List<PayloadMatcher> matchers(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { }).stream()
                    .map(PayloadMatcher::stored).toList();
        } catch (JsonProcessingException e) {
            throw new GuardStorageException("a stored silence has unreadable matchers", e);
        }
    }

    @Override
    public String where() {
        return "silences.db";
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new GuardStorageException("cannot close the silences file", e);
        }
    }
}
