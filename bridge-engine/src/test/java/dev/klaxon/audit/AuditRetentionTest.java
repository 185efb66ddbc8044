package dev.klaxon.audit;

import static dev.klaxon.audit.AuditFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.decision.Outcome;
import dev.klaxon.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditRetentionTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);

    @Test
    void pruneDeletesRowsOlderThanRetentionFromEveryTableInBatches() throws Exception {
        Path db = dir.resolve("audit.db");
        Instant old = T0;
        Instant recent = T0.plus(Duration.ofDays(80));
        try (AuditLog audit = AuditLog.open(db, clock, AuditSettings.defaults().withRetention(Duration.ofDays(30)))) {
            // More old actions than one prune batch, so pruning has to continue over several transactions.
            for (int i = 0; i < 12_000; i++) {
                audit.recordAction(OperatorAction.succeeded(old, "alice", "event.send", "n" + i));
            }
            audit.recordAction(OperatorAction.succeeded(recent, "alice", "event.send", "keep"));
            audit.recordForwarded(AuditFixtures.delivered(old, "alerts.prod.a", "old"));
            audit.recordForwarded(AuditFixtures.delivered(recent, "alerts.prod.a", "new"));
            audit.recordConfigLoad(Path.of("k.yaml"), "00", true, null); // at the clock: T0, old
            audit.count("alerts.x", Outcome.DROPPED, "drop", old, "old sample");
            audit.count("alerts.x", Outcome.DROPPED, "drop", recent, "new sample");
            clock.set(recent);
            audit.recordConfigLoad(Path.of("k.yaml"), "01", true, null);
            audit.flush().get(30, TimeUnit.SECONDS);

            long deleted = audit.prune(recent.plus(Duration.ofDays(1))).get(30, TimeUnit.SECONDS);

            assertThat(deleted).isEqualTo(12_000 + 1 + 1 + 1 + 1);
        }
        SqliteProbe probe = new SqliteProbe(db);
        assertThat(probe.rows("SELECT target FROM actions")).containsExactly(java.util.List.of("keep"));
        assertThat(probe.rows("SELECT dedup_key FROM forwarded")).containsExactly(java.util.List.of("new"));
        assertThat(probe.rows("SELECT sha256 FROM config_loads")).containsExactly(java.util.List.of("01"));
        assertThat(probe.rows("SELECT body FROM samples")).containsExactly(java.util.List.of("new sample"));
        assertThat(probe.longValue("SELECT count(*) FROM subject_minutes")).isEqualTo(1);
    }

    @Test
    void pruneOfAnEmptyOrFreshLogDeletesNothing() throws Exception {
        try (AuditLog audit = AuditLog.open(dir.resolve("audit.db"), clock)) {
            audit.recordAction(OperatorAction.succeeded(T0, "alice", "silence.add", "alerts.>"));
            audit.flush().get(10, TimeUnit.SECONDS);

            assertThat(audit.prune(T0.plus(Duration.ofDays(89))).get(10, TimeUnit.SECONDS)).isZero();
            assertThat(audit.search(AuditQuery.all())).hasSize(1);
            // The default retention is 90 days.
            assertThat(audit.prune(T0.plus(Duration.ofDays(90)).plusMillis(1)).get(10, TimeUnit.SECONDS))
                    .isEqualTo(1);
        }
    }

    @Test
    void theBackgroundPruneRunsOnItsOwn() {
        AuditSettings settings = new AuditSettings(Duration.ofDays(1), Duration.ofSeconds(5), Duration.ofMillis(50),
                100, 1, 10, 100, 1_000);
        Path db = dir.resolve("audit.db");
        try (AuditLog audit = AuditLog.open(db, clock, settings)) {
            audit.recordAction(OperatorAction.succeeded(T0, "alice", "silence.add", "alerts.>"));
            audit.flush().join();
            SqliteProbe probe = new SqliteProbe(db);
            assertThat(probe.longValue("SELECT count(*) FROM actions")).isEqualTo(1);

            clock.advance(Duration.ofDays(2));

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(probe.longValue("SELECT count(*) FROM actions")).isZero());
        }
    }
}
