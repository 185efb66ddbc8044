package dev.klaxon.guard;

import dev.klaxon.storage.SchemaMigrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Accepted signatures on disk ({@code storage.dir/signatures.db}), so a replay is still refused after a restart
 * within the window. Only the engine that holds the storage lock writes here. Rows older than the window are pruned:
 * the table never holds more than the memory's cap of rows for long.
 */
public final class AcceptedSignatureStore implements AcceptedSignatureStorage {
    private static final List<List<String>> MIGRATIONS = List.of(List.of("""
            CREATE TABLE accepted_signatures (
              signature   BLOB    PRIMARY KEY,
              accepted_at INTEGER NOT NULL
            )"""), List.of("CREATE INDEX accepted_signatures_at ON accepted_signatures (accepted_at)"),
            // 3: team mode: the stream message that carried the signature, so that message seen again is no replay.
            List.of("ALTER TABLE accepted_signatures ADD COLUMN stream_seq INTEGER NOT NULL DEFAULT 0"));

    private final Path file;
    private final Connection connection;

    private AcceptedSignatureStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating or upgrading) the file; check it with {@code StorageFiles.checkDatabase} first. */
    public static AcceptedSignatureStore open(Path file) {
        try {
            // A lost row costs protection against one replay after a power cut, not an alert: no fsync per row.
            return new AcceptedSignatureStore(file, SchemaMigrations.open(file, List.of("PRAGMA synchronous = NORMAL"),
                    "accepted signatures", MIGRATIONS, version -> new GuardStorageException("accepted signatures "
                            + "schema version " + version + " is newer than this Klaxon knows", null)));
        } catch (SQLException e) {
            throw new GuardStorageException("cannot open the accepted signatures file " + file + " ("
                    + e.getMessage() + ")", e);
        }
    }

    @Override
    public synchronized List<AcceptedSignature> acceptedSince(Instant since) {
        List<AcceptedSignature> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT signature, accepted_at, "
                + "stream_seq FROM accepted_signatures WHERE accepted_at >= ? ORDER BY accepted_at")) {
            select.setLong(1, since.toEpochMilli());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    byte[] signature = rs.getBytes(1);
                    if (signature != null && signature.length == SignatureKey.BYTES) {
                        rows.add(new AcceptedSignature(SignatureKey.of(signature),
                                Instant.ofEpochMilli(rs.getLong(2)), rs.getLong(3)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new GuardStorageException("cannot read the accepted signatures file " + file + " ("
                    + e.getMessage() + ")", e);
        }
        return rows;
    }

    @Override
    public synchronized void add(AcceptedSignature accepted) {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT OR IGNORE INTO accepted_signatures (signature, accepted_at, stream_seq) VALUES (?, ?, ?)")) {
            insert.setBytes(1, accepted.key().bytes());
            insert.setLong(2, accepted.acceptedAt().toEpochMilli());
            insert.setLong(3, accepted.streamSequence());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new GuardStorageException("cannot write the accepted signatures file " + file + " ("
                    + e.getMessage() + ")", e);
        }
    }

    @Override
    public synchronized void pruneBefore(Instant before) {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM accepted_signatures WHERE accepted_at < ?")) {
            delete.setLong(1, before.toEpochMilli());
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new GuardStorageException("cannot prune the accepted signatures file " + file + " ("
                    + e.getMessage() + ")", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new GuardStorageException("cannot close the accepted signatures file " + file, e);
        }
    }
}
