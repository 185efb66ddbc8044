package dev.klaxon.app.rates;

import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.message.Severity;
import dev.klaxon.stats.HistoryRates;
import dev.klaxon.stats.SeverityTotals;
import dev.klaxon.stats.SubjectSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Message rates of the last minutes in fixed buckets, per subject and per severity, made from the engine's
 * cumulative counts: each snapshot's increase since the previous one goes into the bucket of the snapshot's own
 * timestamp, so a slow or paused console never invents or loses a rate, and tests drive time through snapshots.
 *
 * <p>Memory is fixed: one ring of {@code span / bucket + 1} counts per series, at most {@code maxSeries} subjects
 * tracked by name (the rest are counted together as {@link #OTHER}), and a subject quiet for the whole span is
 * forgotten, which frees its place. The remembered totals follow the engine's own subject cap.
 *
 * <p>History read back at a late join ({@link HistoryRates}) is not a rate of now: it is left out of the
 * increases and laid over the buckets of the time the stream stored it, replaced whole when more arrives.
 *
 * <p>Only complete buckets are answered: the one in progress would look like a sudden drop. FX thread only.
 */
public final class RateHistory {
    public static final Duration DEFAULT_BUCKET = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SPAN = Duration.ofMinutes(15);
    public static final int DEFAULT_MAX_SERIES = 500;
    /** The series of subjects not tracked by name, in frames by subject. */
    public static final String OTHER = "all other subjects";

    private static final Severity[] SEVERITIES = Severity.values();

    private final long bucketMillis;
    private final int slots;
    private final int maxSeries;
    private final Map<String, long[]> bySubject = new HashMap<>();
    private final long[] other;
    /** One ring per severity, and the last one for messages of unknown severity. */
    private final long[][] bySeverity;
    private final Map<String, Long> lastTotals = new HashMap<>();
    private SeverityTotals lastSeverities;
    private HistoryRates history = HistoryRates.NONE;
    /** The bucket in progress (epoch millis / bucket width), or {@link Long#MIN_VALUE} before the first snapshot. */
    private long current = Long.MIN_VALUE;

    public RateHistory() {
        this(DEFAULT_BUCKET, DEFAULT_SPAN, DEFAULT_MAX_SERIES);
    }

    public RateHistory(Duration bucket, Duration span, int maxSeries) {
        if (bucket.toMillis() <= 0 || span.toMillis() < bucket.toMillis() || maxSeries < 1) {
            throw new IllegalArgumentException("history needs a positive bucket, a span of at least one bucket and "
                    + "at least one series");
        }
        this.bucketMillis = bucket.toMillis();
        this.slots = (int) (span.toMillis() / bucketMillis) + 1;
        this.maxSeries = maxSeries;
        this.other = new long[slots];
        this.bySeverity = new long[SEVERITIES.length + 1][slots];
    }

    /**
     * Adds what the engine counted since the previous snapshot. The first snapshot only sets the baseline: what
     * was counted before the console looked has no time to be put at.
     */
    public void record(EngineSnapshot snapshot) {
        long bucket = Math.floorDiv(snapshot.at().toEpochMilli(), bucketMillis);
        boolean first = current == Long.MIN_VALUE;
        if (first) {
            current = bucket;
        } else if (bucket > current) {
            advanceTo(bucket);
        }
        // A clock stepped back counts into the bucket in progress rather than rewriting the past.
        int slot = slot(current);
        HistoryRates stored = snapshot.history();
        Set<String> present = new HashSet<>(snapshot.subjects().size() * 2);
        for (SubjectSnapshot subject : snapshot.subjects()) {
            present.add(subject.subject());
            long live = subject.total() - stored.total(subject.subject());
            Long previous = lastTotals.put(subject.subject(), live);
            // A subject new to the engine counts from zero; a total that went down means the engine restarted.
            long delta = first ? 0 : previous == null ? live : live - previous;
            if (delta > 0) {
                seriesOf(subject.subject())[slot] += delta;
            }
        }
        if (lastTotals.size() > present.size()) {
            lastTotals.keySet().retainAll(present);
        }
        SeverityTotals severities = snapshot.severities();
        if (severities != null) {
            if (!first && lastSeverities != null) {
                for (int i = 0; i <= SEVERITIES.length; i++) {
                    Severity severity = i < SEVERITIES.length ? SEVERITIES[i] : null;
                    long delta = severities.count(severity) - lastSeverities.count(severity)
                            - (stored.severityTotals()[i] - history.severityTotals()[i]);
                    if (delta > 0) {
                        bySeverity[i][slot] += delta;
                    }
                }
            }
            lastSeverities = severities;
        }
        if (stored.version() != history.version()) {
            lay(history, -1);
            lay(stored, 1);
            history = stored;
        }
    }

    /** Adds (or with {@code sign} -1 takes back) history counts in the buckets still in the span. */
    private void lay(HistoryRates counts, int sign) {
        for (HistoryRates.Bucket bucket : counts.buckets()) {
            long index = Math.floorDiv(bucket.start().toEpochMilli(), bucketMillis);
            if (index <= current - slots || index > current) {
                continue;
            }
            int slot = slot(index);
            bucket.subjects().forEach((subject, count) -> {
                long[] series = sign > 0 ? seriesOf(subject) : bySubject.getOrDefault(subject, other);
                series[slot] = Math.max(0, series[slot] + sign * count);
            });
            for (int i = 0; i < bySeverity.length; i++) {
                bySeverity[i][slot] = Math.max(0, bySeverity[i][slot] + sign * bucket.severities()[i]);
            }
        }
    }

    /** Changes each time a bucket completes: what the answers depend on. */
    public long version() {
        return current;
    }

    /** How many subjects are tracked by name now. */
    public int trackedSeries() {
        return bySubject.size();
    }

    /**
     * The {@code top} busiest subjects over the span, busiest at the bottom of the stack, then everything else as
     * {@link #OTHER}; subjects and the rest with nothing in the span are left out.
     */
    public RateFrame topSubjects(int top) {
        List<Map.Entry<String, long[]>> ranked = new ArrayList<>();
        Map<String, Long> sums = new HashMap<>();
        for (Map.Entry<String, long[]> entry : bySubject.entrySet()) {
            long sum = completeSum(entry.getValue());
            if (sum > 0) {
                sums.put(entry.getKey(), sum);
                ranked.add(entry);
            }
        }
        ranked.sort(Comparator.comparing((Map.Entry<String, long[]> e) -> sums.get(e.getKey())).reversed()
                .thenComparing(Map.Entry::getKey));
        List<RateSeries> series = new ArrayList<>();
        long[] rest = Arrays.copyOf(other, slots);
        for (int i = 0; i < ranked.size(); i++) {
            Map.Entry<String, long[]> entry = ranked.get(i);
            if (i < top) {
                series.add(rates(entry.getKey(), entry.getValue()));
            } else {
                for (int s = 0; s < slots; s++) {
                    rest[s] += entry.getValue()[s];
                }
            }
        }
        if (completeSum(rest) > 0) {
            series.add(rates(OTHER, rest));
        }
        return frame(series);
    }

    /** Every severity, most urgent at the bottom of the stack, then the messages whose severity is unknown. */
    public RateFrame bySeverity() {
        List<RateSeries> series = new ArrayList<>();
        for (int i = 0; i < bySeverity.length; i++) {
            String label = i < SEVERITIES.length ? SEVERITIES[i].name().toLowerCase(Locale.ROOT) : "unknown";
            series.add(rates(label, bySeverity[i]));
        }
        return frame(series);
    }

    /** The subject's rate over its last {@code buckets} complete buckets, oldest first; empty when not tracked. */
    public double[] recent(String subject, int buckets) {
        long[] counts = bySubject.get(subject);
        if (counts == null || current == Long.MIN_VALUE) {
            return new double[0];
        }
        int n = Math.min(buckets, slots - 1);
        double[] result = new double[n];
        for (int i = 0; i < n; i++) {
            result[i] = counts[slot(current - n + i)] * 1000.0 / bucketMillis;
        }
        return result;
    }

    private long[] seriesOf(String subject) {
        long[] series = bySubject.get(subject);
        if (series == null) {
            if (bySubject.size() >= maxSeries) {
                return other;
            }
            series = new long[slots];
            bySubject.put(subject, series);
        }
        return series;
    }

    /** Starts a new bucket: the slots it and any skipped buckets reuse are emptied, quiet subjects forgotten. */
    private void advanceTo(long bucket) {
        long clearFrom = Math.max(current + 1, bucket - slots + 1);
        for (long b = clearFrom; b <= bucket; b++) {
            int slot = slot(b);
            other[slot] = 0;
            for (long[] severity : bySeverity) {
                severity[slot] = 0;
            }
            for (long[] series : bySubject.values()) {
                series[slot] = 0;
            }
        }
        current = bucket;
        for (Iterator<long[]> it = bySubject.values().iterator(); it.hasNext(); ) {
            if (isEmpty(it.next())) {
                it.remove();
            }
        }
    }

    private static boolean isEmpty(long[] counts) {
        for (long count : counts) {
            if (count != 0) {
                return false;
            }
        }
        return true;
    }

    private long completeSum(long[] counts) {
        long sum = 0;
        for (int i = 0; i < slots; i++) {
            sum += counts[i];
        }
        return sum - counts[slot(current)];
    }

    private RateSeries rates(String label, long[] counts) {
        int n = slots - 1;
        double[] perSecond = new double[n];
        for (int i = 0; i < n; i++) {
            perSecond[i] = counts[slot(current - n + i)] * 1000.0 / bucketMillis;
        }
        return new RateSeries(label, perSecond);
    }

    private RateFrame frame(List<RateSeries> series) {
        int n = slots - 1;
        if (current == Long.MIN_VALUE) {
            return new RateFrame(Instant.EPOCH, Duration.ofMillis(bucketMillis), 0, List.of());
        }
        return new RateFrame(Instant.ofEpochMilli((current - n) * bucketMillis), Duration.ofMillis(bucketMillis), n,
                series);
    }

    private int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) slots);
    }
}
