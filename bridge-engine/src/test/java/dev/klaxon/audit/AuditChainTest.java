package dev.klaxon.audit;

import static dev.klaxon.audit.AuditFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.decision.Outcome;
import dev.klaxon.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tamper-evident chain over a real audit file, tampered with plain SQL the way someone with file access would. */
class AuditChainTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);

    private Path db() {
        return dir.resolve("audit.db");
    }

    /** Three forwarded events, three actions, a config load, counts and samples; returns the verification. */
    private ChainVerification recordSome() throws Exception {
        try (AuditLog audit = AuditLog.open(db(), clock)) {
            for (int i = 1; i <= 3; i++) {
                audit.recordForwarded(AuditFixtures.delivered(T0.plusSeconds(i), "alerts.prod.a", "k" + i));
                audit.recordAction(OperatorAction.succeeded(T0.plusSeconds(i), "alice", "silence.add", "n" + i));
            }
            audit.recordConfigLoad(Path.of("klaxon.yaml"), "ab", true, null);
            audit.count("alerts.x", Outcome.DROPPED, "no rule", T0, "sample body");
            audit.flush().get(10, TimeUnit.SECONDS);
            audit.count("alerts.x", Outcome.DROPPED, "no rule", T0, "second");
            audit.flush().get(10, TimeUnit.SECONDS);
            return audit.verifyChain();
        }
    }

    private ChainVerification verify() {
        try (AuditLog audit = AuditLog.open(db(), clock)) {
            return audit.verifyChain();
        }
    }

    @Test
    void anUntouchedAuditVerifiesUpToItsLastChainRow() throws Exception {
        ChainVerification result = recordSome();

        assertThat(result.intact()).as(result.summary()).isTrue();
        long entries = new SqliteProbe(db()).longValue("SELECT count(*) FROM chain");
        // origin anchor + 3 forwarded + 3 actions + 1 config + 2 count upserts + 2 samples
        assertThat(entries).isEqualTo(12);
        assertThat(result.verifiedUpTo()).isEqualTo(12);
        assertThat(result.summary()).isEqualTo("chain verified up to row 12 (12 entries)");
        assertThat(result.unchainedFrom()).isEmpty();
    }

    @Test
    void aFieldEditedWithPlainSqlIsNamed() throws Exception {
        recordSome();
        new SqliteProbe(db()).execute("UPDATE forwarded SET state = 'dead_letter' WHERE id = 2");

        ChainVerification result = verify();

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBreak().table()).isEqualTo("forwarded");
        assertThat(result.firstBreak().rowId()).isEqualTo(2L);
        assertThat(result.summary()).contains("forwarded row 2", "differs from what was written");
        assertThat(result.verifiedUpTo()).isEqualTo(result.firstBreak().seq() - 1);
    }

    @Test
    void aDeletedMiddleRowIsNamed() throws Exception {
        recordSome();
        new SqliteProbe(db()).execute("DELETE FROM actions WHERE id = 2");

        ChainVerification result = verify();

        assertThat(result.firstBreak().table()).isEqualTo("actions");
        assertThat(result.firstBreak().rowId()).isEqualTo(2L);
        assertThat(result.firstBreak().reason()).contains("deleted");
    }

    @Test
    void aRowDeletedTogetherWithItsChainRowBreaksTheLinks() throws Exception {
        recordSome();
        SqliteProbe probe = new SqliteProbe(db());
        long seq = probe.longValue("SELECT seq FROM chain WHERE table_name = 'actions' AND row_id = 2");
        probe.execute("DELETE FROM actions WHERE id = 2");
        probe.execute("DELETE FROM chain WHERE seq = " + seq);

        ChainVerification result = verify();

        assertThat(result.firstBreak().seq()).isEqualTo(seq + 1);
        assertThat(result.firstBreak().reason()).isEqualTo("chain rows " + seq + " to " + seq + " are missing");
    }

    @Test
    void aRowInsertedBehindTheWritersBackIsNamed() throws Exception {
        recordSome();
        new SqliteProbe(db()).execute("INSERT INTO actions (recorded_at, at, actor, action, target, result) "
                + "VALUES (1, 1, 'mallory', 'silence.add', '>', 'ok')");

        ChainVerification result = verify();

        assertThat(result.firstBreak().table()).isEqualTo("actions");
        assertThat(result.firstBreak().rowId()).isEqualTo(4L);
        assertThat(result.firstBreak().reason()).contains("not in the chain");
        assertThat(result.summary()).startsWith("chain broken at actions row 4: the row is not in the chain");
    }

    @Test
    void anUpdatedCountVerifiesButACountEditedBySqlDoesNot() throws Exception {
        assertThat(recordSome().intact()).isTrue();
        new SqliteProbe(db()).execute("UPDATE subject_minutes SET count = 1");

        ChainVerification result = verify();

        assertThat(result.firstBreak().table()).isEqualTo("subject_minutes");
    }

    @Test
    void pruningByRetentionLeavesAnAnchorAndTheChainStillVerifies() throws Exception {
        Instant recent = T0.plus(Duration.ofDays(80));
        try (AuditLog audit = AuditLog.open(db(), clock, AuditSettings.defaults().withRetention(Duration.ofDays(30)))) {
            for (int i = 0; i < 20; i++) {
                audit.recordAction(OperatorAction.succeeded(i % 2 == 0 ? T0 : recent, "alice", "event.send", "n" + i));
            }
            audit.recordForwarded(AuditFixtures.delivered(T0, "alerts.prod.a", "old"));
            audit.recordForwarded(AuditFixtures.delivered(recent, "alerts.prod.a", "new"));
            audit.count("alerts.x", Outcome.DROPPED, "drop", T0, "old sample");
            audit.count("alerts.x", Outcome.DROPPED, "drop", recent, "new sample");
            audit.flush().get(10, TimeUnit.SECONDS);

            audit.prune(recent.plus(Duration.ofDays(1))).get(10, TimeUnit.SECONDS);
            ChainVerification afterFirst = audit.verifyChain();
            // Recorded after the first prune, so an id may come back and the chain has a middle pruned row.
            audit.recordAction(OperatorAction.succeeded(recent, "alice", "event.send", "later"));
            audit.flush().get(10, TimeUnit.SECONDS);
            audit.prune(recent.plus(Duration.ofDays(2))).get(10, TimeUnit.SECONDS);
            ChainVerification afterSecond = audit.verifyChain();

            assertThat(afterFirst.intact()).as(afterFirst.summary()).isTrue();
            assertThat(afterSecond.intact()).as(afterSecond.summary()).isTrue();
        }
        SqliteProbe probe = new SqliteProbe(db());
        // The leading entries of pruned rows are gone; an anchor names where the chain now starts.
        assertThat(probe.longValue("SELECT min(seq) FROM chain")).isGreaterThan(1);
        assertThat(probe.longValue("SELECT count(*) FROM chain WHERE table_name = 'anchor' AND at IS NOT NULL"))
                .isPositive();

        probe.execute("DELETE FROM chain WHERE seq = (SELECT min(seq) FROM chain)");
        assertThat(verify().firstBreak().reason()).contains("no prune anchor accounts for them");
    }

    @Test
    void twoProcessesWritingOneAuditFileKeepOneUnbrokenChain() throws Exception {
        // The bridge's AuditLog and a CLI command's (silence add while run is up) append to the same chain.
        try (AuditLog bridge = AuditLog.open(db(), clock); AuditLog command = AuditLog.open(db(), clock)) {
            for (int i = 0; i < 50; i++) {
                bridge.recordForwarded(AuditFixtures.delivered(T0.plusSeconds(i), "alerts.prod.a", "k" + i));
                command.recordAction(OperatorAction.succeeded(T0.plusSeconds(i), "alice", "silence.add", "n" + i));
                if (i % 10 == 0) {
                    bridge.flush().get(10, TimeUnit.SECONDS);
                    command.flush().get(10, TimeUnit.SECONDS);
                }
            }
            bridge.flush().get(10, TimeUnit.SECONDS);
            command.flush().get(10, TimeUnit.SECONDS);

            assertThat(bridge.failedWrites() + command.failedWrites()).isZero();
            assertThat(bridge.verifyChain().summary()).isEqualTo("chain verified up to row 101 (101 entries)");
        }
    }

    @Test
    void withAKeyAChainRecomputedBySomeoneWithoutItDoesNotVerify() throws Exception {
        AuditChainKey key = AuditChainKey.of("0123456789abcdef-secret".getBytes(StandardCharsets.UTF_8));
        try (AuditLog audit = AuditLog.open(db(), clock, AuditSettings.defaults(), key)) {
            audit.recordAction(OperatorAction.succeeded(T0, "alice", "silence.add", "alerts.>"));
            audit.recordAction(OperatorAction.succeeded(T0, "alice", "silence.expire", "alerts.>"));
            audit.flush().get(10, TimeUnit.SECONDS);
            assertThat(audit.verifyChain().intact()).isTrue();
        }
        assertThat(AuditLog.verifyDatabase(db(), AuditChainKey.none()).firstBreak().reason())
                .contains("altered");

        // Someone who can write the file edits a row and recomputes every hash, as they could without a key.
        SqliteProbe probe = new SqliteProbe(db());
        probe.execute("UPDATE actions SET action = 'silence.add' WHERE id = 2");
        rechainWithoutKey(probe);

        assertThat(AuditLog.verifyDatabase(db(), AuditChainKey.none()).intact()).isTrue();
        ChainVerification keyed = AuditLog.verifyDatabase(db(), key);
        assertThat(keyed.firstBreak().seq()).isEqualTo(1);
        assertThat(keyed.firstBreak().reason()).contains("or the chain key differs");
        assertThat(key).hasToString("AuditChainKey[********]");
    }

    /** What a forger without the key does: recompute every row hash and entry hash in plain SHA-256. */
    private static void rechainWithoutKey(SqliteProbe probe) {
        ChainHasher hasher = new ChainHasher(null);
        String prev = ChainHasher.ZERO;
        String entries = "SELECT seq, table_name, row_id, at, row_hash, note FROM chain ORDER BY seq";
        for (List<Object> row : probe.rows(entries)) {
            String table = (String) row.get(1);
            String rowHash = (String) row.get(4);
            if (!table.equals(ChainEntry.ANCHOR)) {
                ChainTables.Table columns = ChainTables.named(table);
                rowHash = hasher.rowHash(probe.rows("SELECT " + String.join(", ", columns.columns()) + " FROM "
                        + table + " WHERE rowid = ?", row.get(2)).get(0));
            }
            ChainEntry entry = new ChainEntry(((Number) row.get(0)).longValue(), table,
                    row.get(2) == null ? null : ((Number) row.get(2)).longValue(),
                    row.get(3) == null ? null : ((Number) row.get(3)).longValue(), rowHash, (String) row.get(5), prev,
                    null);
            String hash = hasher.entryHash(prev, entry);
            probe.execute("UPDATE chain SET row_hash = '" + rowHash + "', prev_hash = '" + prev + "', hash = '" + hash
                    + "' WHERE seq = " + entry.seq());
            prev = hash;
        }
    }

    @Test
    void anOldDatabaseStartsItsChainAtTheMigrationAndSaysWhichRowsAreOlder() throws Exception {
        try (AuditLog audit = AuditLog.open(db(), clock)) {
            audit.recordAction(OperatorAction.succeeded(T0, "alice", "silence.add", "one"));
            audit.recordAction(OperatorAction.succeeded(T0, "alice", "silence.add", "two"));
            audit.recordForwarded(AuditFixtures.delivered(T0, "alerts.prod.a", "k"));
            audit.flush().get(10, TimeUnit.SECONDS);
        }
        // What a file from before the chain looks like: version 1, rows, no chain table.
        SqliteProbe probe = new SqliteProbe(db());
        probe.execute("DROP TABLE chain");
        probe.execute("PRAGMA user_version = 1");

        try (AuditLog audit = AuditLog.open(db(), clock)) {
            audit.recordAction(OperatorAction.succeeded(T0, "alice", "silence.add", "three"));
            audit.flush().get(10, TimeUnit.SECONDS);
            ChainVerification result = audit.verifyChain();

            assertThat(result.intact()).as(result.summary()).isTrue();
            assertThat(result.unchainedFrom()).containsEntry("actions", 3L).containsEntry("forwarded", 2L);
            assertThat(result.summary()).contains("actions rows before 3", "forwarded rows before 2",
                    "were written before the chain existed");
        }
        // A pre-chain row is not vouched for: editing it is not a break (the summary said so).
        probe.execute("UPDATE actions SET target = 'edited' WHERE id = 1");
        assertThat(verify().intact()).isTrue();
    }
}
