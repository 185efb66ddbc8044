package dev.klaxon.audit;

import static dev.klaxon.audit.AuditFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.storage.StorageState;
import dev.klaxon.testing.DiskFiller;
import dev.klaxon.testing.LogCapture;
import dev.klaxon.testing.MutableClock;
import dev.klaxon.testing.TmpfsMount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit on a real 1 MB tmpfs filled to the last byte: rows recorded meanwhile wait in memory and are written
 * once space returns, instead of being dropped one by one with a stack trace each.
 */
class AuditDiskFullTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);

    @Test
    void rowsRecordedWhileTheDiskIsFullAreWrittenOnceSpaceReturns() throws Exception {
        try (TmpfsMount disk = TmpfsMount.mount(dir.resolve("data"), "size=1m");
             LogCapture log = LogCapture.start();
             AuditLog audit = AuditLog.open(disk.dir().resolve("audit.db"), clock)) {
            Path ballast = DiskFiller.fill(disk.dir().resolve("audit.db"), disk.dir().resolve("ballast"));

            for (int i = 0; i < 20; i++) {
                audit.recordForwarded(AuditFixtures.delivered(T0, "alerts.prod.db", "full-" + i));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> audit.health().state() == StorageState.FULL);
            assertThat(audit.health().problem()).contains("audit.db", "database or disk is full");

            clock.advance(Duration.ofSeconds(5));
            Files.delete(ballast); // space returns after five seconds full

            await().atMost(Duration.ofSeconds(30)).until(() -> audit.search(AuditQuery.all()).size() == 20);
            assertThat(audit.health().state()).isEqualTo(StorageState.OK);
            assertThat(audit.failedWrites() + audit.refusedWrites()).isZero();
            // The refused batches rolled back their chain rows too: the retried ones link up without a gap.
            assertThat(audit.verifyChain().summary()).isEqualTo("chain verified up to row 21 (21 entries)");
            assertThat(log.records()).allSatisfy(r -> assertThat(r.getThrown()).isNull())
                    .extracting(LogRecord::getMessage).filteredOn(m -> m.contains("audit.db")).hasSize(2)
                    .last().asString().contains("takes writes again after 5 s");
        }
    }
}
