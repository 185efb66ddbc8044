package dev.klaxon.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.audit.AuditLog;
import dev.klaxon.audit.AuditSettings;
import dev.klaxon.outbox.Outbox;
import dev.klaxon.outbox.StorageLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage directory and every file Klaxon creates in it are its owner's alone: alert bodies, routing-key
 * references and the audit are in there. Checked while the databases are open, since SQLite removes the -wal and
 * -shm files when the last connection closes.
 */
class StorageFileModesTest {

    @TempDir
    Path tempDir;

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void theStorageDirectoryIsCreatedOwnerOnly() throws Exception {
        Path dir = StorageFiles.ensureDirectory(tempDir.resolve("share/klaxon"));

        assertThat(mode(dir)).isEqualTo("rwx------");
    }

    @Test
    void theOutboxAndItsWalAndShmAreOwnerOnly() throws Exception {
        Path db = tempDir.resolve("data/outbox.db");
        try (Outbox ignored = Outbox.open(db, Clock.systemUTC())) {
            assertThat(mode(db.getParent())).isEqualTo("rwx------");
            assertOwnerOnly(db, "-wal", "-shm");
        }
    }

    @Test
    void theAuditAndItsWalAndShmAreOwnerOnly() throws Exception {
        Path db = tempDir.resolve("audit.db");
        try (AuditLog audit = AuditLog.open(db, Clock.systemUTC(), AuditSettings.defaults())) {
            audit.recordConfigLoad(Path.of("klaxon.yaml"), "", true, "a row, so the WAL is written");
            audit.flush().get();
            assertOwnerOnly(db, "-wal", "-shm");
        }
    }

    @Test
    void theLockFileIsOwnerOnly() throws Exception {
        try (StorageLock ignored = StorageLock.acquire(tempDir)) {
            assertThat(mode(tempDir.resolve("klaxon.lock"))).isEqualTo("rw-------");
        }
    }

    private static void assertOwnerOnly(Path db, String... suffixes) throws Exception {
        assertThat(mode(db)).as(db.toString()).isEqualTo("rw-------");
        for (String suffix : suffixes) {
            Path file = db.resolveSibling(db.getFileName() + suffix);
            assertThat(file).exists();
            assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
        }
    }
}
