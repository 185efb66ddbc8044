package dev.klaxon.app.rates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.stats.HistoryRates;
import dev.klaxon.stats.SeverityTotals;
import dev.klaxon.stats.SubjectSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateHistoryTest {
    private static final Instant T0 = Instant.parse("2026-11-29T17:00:00Z");

    /** Cumulative totals per subject, as the engine reports them. */
    private final Map<String, Long> totals = new LinkedHashMap<>();
    private SeverityTotals severities = SeverityTotals.NONE;
    private HistoryRates stored = HistoryRates.NONE;

    private EngineSnapshot snapshot(Instant at) {
        List<SubjectSnapshot> subjects = new ArrayList<>();
        totals.forEach((subject, total) -> subjects.add(new SubjectSnapshot(subject, total, Map.of(), 0, 0, at, "")));
        return new EngineSnapshot(at, null, null, Map.of(), Map.of(), subjects, subjects.size(), null, 0, severities,
                null, null, stored, null);
    }

    /** History of subject "a" as the engine reports it: {@code perBucket} messages at each stored time. */
    private void history(long version, long perBucket, Instant... storedAt) {
        List<HistoryRates.Bucket> buckets = new ArrayList<>();
        for (Instant at : storedAt) {
            buckets.add(new HistoryRates.Bucket(at, Map.of("a", perBucket), new long[] {perBucket, 0, 0, 0, 0}));
        }
        long total = perBucket * storedAt.length;
        stored = new HistoryRates(version, Duration.ofSeconds(5), Map.of("a", total), new long[] {total, 0, 0, 0, 0},
                buckets);
    }

    @Test
    void layHistoryOverTheBucketsOfItsStoredTimeInsteadOfASpikeAtTheJoin() {
        RateHistory rates = new RateHistory(Duration.ofSeconds(5), Duration.ofSeconds(30), 10);
        history(30, 30, T0.minusSeconds(20));
        totals.put("a", 30L);
        severities = new SeverityTotals(30, 0, 0, 0, 0);
        rates.record(snapshot(T0)); // the first look: history read so far, and no live message yet
        history(60, 30, T0.minusSeconds(20), T0.minusSeconds(10)); // the rest of history, read after the first look
        totals.put("a", 70L); // and 10 live ones
        severities = new SeverityTotals(70, 0, 0, 0, 0);
        rates.record(snapshot(T0.plusSeconds(2)));
        rates.record(snapshot(T0.plusSeconds(5)));

        assertThat(rates.recent("a", 6)).as("30 per 5 s where stored, the 10 live ones now, no spike")
                .containsExactly(0, 6.0, 0, 6.0, 0, 2.0);
        assertThat(rates.bySeverity().series().get(0).perSecond()).containsExactly(0, 6.0, 0, 6.0, 0, 2.0);
    }

    private void count(String subject, long more) {
        totals.merge(subject, more, Long::sum);
    }

    @Test
    void putsEachIncreaseInTheBucketOfTheSnapshotsTimeAndAnswersCompleteBucketsOnly() {
        RateHistory history = new RateHistory(Duration.ofSeconds(5), Duration.ofSeconds(30), 10);
        count("a", 1_000); // counted before the console looked: a baseline, not a spike
        history.record(snapshot(T0));
        count("a", 10);
        history.record(snapshot(T0.plusMillis(2_000)));
        count("a", 15);
        history.record(snapshot(T0.plusMillis(4_800)));
        // Still in the first bucket: nothing complete to show yet.
        assertThat(history.recent("a", 6)).containsExactly(0, 0, 0, 0, 0, 0);

        count("a", 50);
        history.record(snapshot(T0.plusSeconds(5)));
        assertThat(history.recent("a", 6)).containsExactly(0, 0, 0, 0, 0, 5.0); // 25 in 5 s
        assertThat(history.recent("a", 2)).containsExactly(0, 5.0);

        history.record(snapshot(T0.plusSeconds(10)));
        assertThat(history.recent("a", 3)).containsExactly(0, 5.0, 10.0);

        RateFrame frame = history.topSubjects(8);
        assertThat(frame.buckets()).isEqualTo(6);
        assertThat(frame.end()).isEqualTo(T0.plusSeconds(10));
        assertThat(frame.start()).isEqualTo(T0.minusSeconds(20));
        assertThat(frame.series()).extracting(RateSeries::label).containsExactly("a");
        assertThat(frame.series().get(0).perSecond()).containsExactly(0, 0, 0, 0, 5.0, 10.0);
    }

    @Test
    void ranksTheBusiestSubjectsAndStacksTheRestAsOther() {
        RateHistory history = new RateHistory(Duration.ofSeconds(10), Duration.ofMinutes(1), 100);
        history.record(snapshot(T0));
        count("quiet", 10);
        count("busy", 300);
        count("middle", 100);
        count("small", 20);
        history.record(snapshot(T0.plusSeconds(1)));
        history.record(snapshot(T0.plusSeconds(10)));

        RateFrame frame = history.topSubjects(2);
        assertThat(frame.series()).extracting(RateSeries::label).containsExactly("busy", "middle", RateHistory.OTHER);
        assertThat(frame.series()).extracting(RateSeries::latest).containsExactly(30.0, 10.0, 3.0);
    }

    @Test
    void countsSeveritiesFromTheEnginesTotals() {
        RateHistory history = new RateHistory(Duration.ofSeconds(10), Duration.ofMinutes(1), 100);
        severities = new SeverityTotals(5, 5, 5, 5, 5);
        history.record(snapshot(T0));
        severities = new SeverityTotals(105, 5, 25, 5, 15);
        history.record(snapshot(T0.plusSeconds(3)));
        history.record(snapshot(T0.plusSeconds(10)));

        RateFrame frame = history.bySeverity();
        assertThat(frame.series()).extracting(RateSeries::label)
                .containsExactly("critical", "error", "warning", "info", "unknown");
        assertThat(frame.series()).extracting(RateSeries::latest).containsExactly(10.0, 0.0, 2.0, 0.0, 1.0);
    }

    @Test
    void memoryStaysBoundedTracksAtMostTheCapAndForgetsSubjectsQuietForTheWholeSpan() {
        RateHistory history = new RateHistory(Duration.ofSeconds(5), Duration.ofSeconds(30), 3);
        history.record(snapshot(T0));
        for (int i = 0; i < 50; i++) {
            count("s" + i, 1);
        }
        history.record(snapshot(T0.plusSeconds(1)));
        assertThat(history.trackedSeries()).isEqualTo(3);
        history.record(snapshot(T0.plusSeconds(5)));
        // The 47 subjects over the cap are still counted, together.
        RateFrame frame = history.topSubjects(8);
        assertThat(frame.series()).extracting(RateSeries::label).endsWith(RateHistory.OTHER);
        assertThat(frame.series().get(frame.series().size() - 1).latest()).isEqualTo(47 / 5.0);

        // A long quiet spell (and a gap between snapshots longer than the span) empties everything.
        history.record(snapshot(T0.plusSeconds(600)));
        assertThat(history.trackedSeries()).isZero();
        assertThat(history.topSubjects(8).series()).isEmpty();
        count("new", 5);
        history.record(snapshot(T0.plusSeconds(601)));
        assertThat(history.trackedSeries()).isEqualTo(1);
    }

    @Test
    void aClockSteppingBackCountsIntoTheBucketInProgressAndARestartedEngineIsANewBaseline() {
        RateHistory history = new RateHistory(Duration.ofSeconds(5), Duration.ofSeconds(30), 10);
        history.record(snapshot(T0));
        history.record(snapshot(T0.plusSeconds(10)));
        count("a", 10);
        history.record(snapshot(T0.plusSeconds(2)));
        totals.put("a", 3L); // the engine restarted: lower than before, no negative rate
        history.record(snapshot(T0.plusSeconds(11)));
        count("a", 5);
        history.record(snapshot(T0.plusSeconds(12)));
        history.record(snapshot(T0.plusSeconds(15)));
        assertThat(history.recent("a", 3)).containsExactly(0, 0, 3.0);
    }

    @Test
    void answersNothingBeforeTheFirstSnapshot() {
        RateHistory history = new RateHistory();
        assertThat(history.topSubjects(8).buckets()).isZero();
        assertThat(history.bySeverity().series()).isEmpty();
        assertThat(history.recent("a", 10)).isEmpty();
    }
}
