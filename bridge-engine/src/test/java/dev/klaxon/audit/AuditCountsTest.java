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

class AuditCountsTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);

    private Path db() {
        return dir.resolve("audit.db");
    }

    @Test
    void aMillionMessageFloodWritesAFewAggregatedRowsWithExactCounts() throws Exception {
        AuditSettings settings = AuditSettings.defaults().withSampling(3, 20);
        Outcome[] outcomes = {Outcome.DROPPED, Outcome.REJECTED, Outcome.LOGGED};
        long[] expected = new long[10];
        try (AuditLog audit = AuditLog.open(db(), clock, settings)) {
            for (int i = 0; i < 1_000_000; i++) {
                // Spread over three minutes, flushing in the middle of each one, as the timer would.
                if (i % 333_334 == 0 && i > 0) {
                    clock.advance(Duration.ofMinutes(1));
                }
                if (i % 100_000 == 50_000) {
                    audit.flush().get(10, TimeUnit.SECONDS);
                }
                int subject = i % 10;
                expected[subject]++;
                audit.count("alerts.flood." + subject, outcomes[i % 3], "flood", clock.instant(), "{\"n\":" + i + "}");
            }
            audit.flush().get(10, TimeUnit.SECONDS);
        }

        SqliteProbe probe = new SqliteProbe(db());
        // 10 subjects x 3 outcomes x 3 minutes at most, however many flushes happened.
        assertThat(probe.longValue("SELECT count(*) FROM subject_minutes")).isLessThanOrEqualTo(90);
        assertThat(probe.longValue("SELECT sum(count) FROM subject_minutes")).isEqualTo(1_000_000);
        for (int s = 0; s < 10; s++) {
            assertThat(probe.longValue("SELECT sum(count) FROM subject_minutes WHERE subject = ?",
                    "alerts.flood." + s)).isEqualTo(expected[s]);
        }
        assertThat(probe.longValue("SELECT count(DISTINCT minute) FROM subject_minutes")).isEqualTo(3);
        // Samples: at most 20 per minute overall and 3 per subject+outcome+minute.
        assertThat(probe.longValue("SELECT count(*) FROM samples")).isLessThanOrEqualTo(60).isPositive();
        assertThat(probe.longValue("SELECT max(c) FROM (SELECT count(*) c FROM samples GROUP BY minute)"))
                .isLessThanOrEqualTo(20);
        assertThat(probe.longValue("SELECT max(c) FROM (SELECT count(*) c FROM samples "
                + "GROUP BY minute, subject, outcome)")).isLessThanOrEqualTo(3);
    }

    @Test
    void samplesKeepReasonAndBodyUpToThePerKeyCapAcrossFlushes() throws Exception {
        try (AuditLog audit = AuditLog.open(db(), clock, AuditSettings.defaults().withSampling(2, 100))) {
            audit.count("alerts.a", Outcome.REJECTED, "not JSON: unexpected '}'", T0, "first}".getBytes(
                    StandardCharsets.UTF_8));
            audit.flush().get(10, TimeUnit.SECONDS);
            // The in-memory tally survives the flush, and SQL re-checks the cap too.
            for (int i = 0; i < 5; i++) {
                audit.count("alerts.a", Outcome.REJECTED, "not JSON", T0.plusSeconds(i), "more " + i);
                audit.flush().get(10, TimeUnit.SECONDS);
            }
            audit.count("alerts.a", Outcome.DROPPED, "rule 3 drops", T0, (String) null);
        }

        SqliteProbe probe = new SqliteProbe(db());
        List<List<Object>> samples = probe.rows("SELECT subject, outcome, reason, body FROM samples ORDER BY id");
        assertThat(samples).containsExactly(
                List.of("alerts.a", "rejected", "not JSON: unexpected '}'", "first}"),
                List.of("alerts.a", "rejected", "not JSON", "more 0"),
                java.util.Arrays.asList("alerts.a", "dropped", "rule 3 drops", null));
        assertThat(probe.longValue("SELECT count FROM subject_minutes WHERE outcome = 'rejected'")).isEqualTo(6);
        assertThat(probe.longValue("SELECT count FROM subject_minutes WHERE outcome = 'dropped'")).isEqualTo(1);
    }

    @Test
    void sampleCapHoldsAcrossReopenBecauseSqlChecksItToo() throws Exception {
        AuditSettings settings = AuditSettings.defaults().withSampling(1, 100);
        try (AuditLog audit = AuditLog.open(db(), clock, settings)) {
            audit.count("alerts.a", Outcome.LOGGED, "log rule", T0, "one");
        }
        try (AuditLog audit = AuditLog.open(db(), clock, settings)) {
            audit.count("alerts.a", Outcome.LOGGED, "log rule", T0.plusSeconds(1), "two");
        }

        SqliteProbe probe = new SqliteProbe(db());
        assertThat(probe.longValue("SELECT count(*) FROM samples")).isEqualTo(1);
        assertThat(probe.longValue("SELECT count FROM subject_minutes")).isEqualTo(2); // upsert added, close flushed
    }

    @Test
    void distinctSubjectsPerMinuteAreCappedIntoAnOtherBucket() throws Exception {
        AuditSettings settings = AuditSettings.defaults().withMaxSubjectsPerMinute(5).withSampling(1, 3);
        try (AuditLog audit = AuditLog.open(db(), clock, settings)) {
            for (int i = 0; i < 10_000; i++) {
                audit.count("alerts.unique." + i, Outcome.REJECTED, "bad", T0, "x");
            }
            audit.count("alerts.unique.0", Outcome.REJECTED, "bad", T0, "x"); // a known subject keeps its row
        }

        SqliteProbe probe = new SqliteProbe(db());
        assertThat(probe.longValue("SELECT count(*) FROM subject_minutes")).isEqualTo(6);
        assertThat(probe.longValue("SELECT count FROM subject_minutes WHERE subject = ?",
                AuditSettings.OTHER_SUBJECT)).isEqualTo(9_995);
        assertThat(probe.longValue("SELECT count FROM subject_minutes WHERE subject = 'alerts.unique.0'"))
                .isEqualTo(2);
        assertThat(probe.longValue("SELECT count(*) FROM samples")).isEqualTo(3);
    }

    @Test
    void longSampleBodiesAreCutAndCountsAreStoredPerMinuteStart() throws Exception {
        Instant at = T0.plusSeconds(59).plusMillis(999);
        try (AuditLog audit = AuditLog.open(db(), clock)) {
            audit.count("alerts.big", Outcome.DROPPED, "drop", at, "y".repeat(100_000).getBytes(
                    StandardCharsets.UTF_8));
        }

        SqliteProbe probe = new SqliteProbe(db());
        assertThat(probe.longValue("SELECT minute FROM subject_minutes")).isEqualTo(T0.toEpochMilli());
        assertThat(probe.longValue("SELECT length(body) FROM samples"))
                .isLessThan(AuditSettings.defaults().sampleBodyChars() + 20);
    }

    @Test
    void theTimerFlushesCountsWithoutAnExplicitFlush() {
        AuditSettings settings = new AuditSettings(Duration.ofDays(90), Duration.ofMillis(50), Duration.ofHours(1),
                100, 1, 10, 100, 1_000);
        try (AuditLog audit = AuditLog.open(db(), clock, settings)) {
            audit.count("alerts.a", Outcome.LOGGED, "log", T0, "x");
            SqliteProbe probe = new SqliteProbe(db());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(probe.longValue("SELECT coalesce(sum(count), 0) FROM subject_minutes")).isEqualTo(1));
        }
    }
}
