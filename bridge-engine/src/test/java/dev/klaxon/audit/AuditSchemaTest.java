package dev.klaxon.audit;

import static dev.klaxon.audit.AuditFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.storage.StorageException;
import dev.klaxon.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSchemaTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);

    @Test
    void migratesAFreshFileInAMissingDirectoryToTheLatestVersionInWalMode() {
        Path db = dir.resolve("nested/state/audit.db");
        try (AuditLog audit = AuditLog.open(db, clock)) {
            assertThat(audit.search(AuditQuery.all())).isEmpty();
        }

        SqliteProbe probe = new SqliteProbe(db);
        assertThat(probe.longValue("PRAGMA user_version")).isEqualTo(Schema.latestVersion());
        assertThat(probe.rows("PRAGMA journal_mode")).containsExactly(List.of("wal"));
        assertThat(probe.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
                .containsExactly(List.of("actions"), List.of("chain"), List.of("config_loads"), List.of("forwarded"),
                        List.of("samples"), List.of("subject_minutes"));
    }

    @Test
    void refusesAnExistingEmptyFileInsteadOfStartingOverSilently() throws Exception {
        // SQLite would take it for a new database; but an audit.db that exists and is empty was truncated.
        Path db = Files.createFile(dir.resolve("audit.db"));

        assertThatThrownBy(() -> AuditLog.open(db, clock)).isInstanceOf(StorageException.class)
                .hasMessageContaining(db + " is empty (0 bytes)", "mv " + db);
        assertThat(Files.size(db)).isZero();
    }

    @Test
    void reopeningIsIdempotentAndKeepsRows() throws Exception {
        Path db = dir.resolve("audit.db");
        try (AuditLog audit = AuditLog.open(db, clock)) {
            audit.recordAction(OperatorAction.succeeded(T0, "alice", "silence.add", "alerts.>"));
        }
        for (int i = 0; i < 2; i++) {
            try (AuditLog audit = AuditLog.open(db, clock)) {
                assertThat(audit.search(AuditQuery.all())).extracting(AuditRow::target).containsExactly("alerts.>");
                audit.flush().get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(new SqliteProbe(db).longValue("PRAGMA user_version")).isEqualTo(Schema.latestVersion());
    }

    @Test
    void refusesAFileFromANewerVersion() {
        Path db = dir.resolve("audit.db");
        AuditLog.open(db, clock).close();
        new SqliteProbe(db).execute("PRAGMA user_version = " + (Schema.latestVersion() + 1));

        assertThatThrownBy(() -> AuditLog.open(db, clock)).isInstanceOf(AuditException.class)
                .hasMessageContaining("newer than this Klaxon");
    }

    @Test
    void refusesAFileThatIsNotADatabase() throws Exception {
        Path db = Files.writeString(dir.resolve("audit.db"), "this is not sqlite, just text ".repeat(100));

        assertThatThrownBy(() -> AuditLog.open(db, clock)).isInstanceOf(StorageException.class)
                .hasMessageContaining(db + " is not a SQLite database");
        assertThat(Files.readString(db)).as("left as it was").startsWith("this is not sqlite");
    }

    @Test
    void closeIsIdempotentAndLaterWritesAreCountedAsRefused() {
        AuditLog audit = AuditLog.open(dir.resolve("audit.db"), clock);
        audit.close();
        audit.close();

        audit.recordAction(OperatorAction.succeeded(T0, "alice", "silence.add", "alerts.>"));

        assertThat(audit.refusedWrites()).isEqualTo(1);
    }
}
