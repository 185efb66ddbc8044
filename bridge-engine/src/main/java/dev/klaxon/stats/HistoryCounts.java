package dev.klaxon.stats;

import dev.klaxon.message.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts history messages by stored time for {@link HistoryRates}. Bounded: buckets more than {@link #SPAN} older
 * than the newest are dropped (no chart shows them), and subjects are the ones {@link LiveStats} tracks. A copy is
 * made only when something was counted since the last one, so once history is read a snapshot costs nothing.
 * Written by the processing thread, read by any.
 */
final class HistoryCounts {
    static final Duration BUCKET = Duration.ofSeconds(5);
    static final Duration SPAN = Duration.ofMinutes(16);
    static final int SEVERITY_SLOTS = Severity.values().length + 1;

    private final TreeMap<Long, Counts> buckets = new TreeMap<>();
    private final Map<String, Long> totals = new HashMap<>();
    private final long[] severityTotals = new long[SEVERITY_SLOTS];
    private long version;
    private HistoryRates last = HistoryRates.NONE;

    private record Counts(Map<String, Long> subjects, long[] severities) {
    }

    synchronized void add(Instant storedAt, String subject, int severitySlot) {
        long index = Math.floorDiv(storedAt.toEpochMilli(), BUCKET.toMillis());
        Counts counts = buckets.computeIfAbsent(index, i -> new Counts(new HashMap<>(), new long[SEVERITY_SLOTS]));
        counts.subjects().merge(subject, 1L, Long::sum);
        counts.severities()[severitySlot]++;
        totals.merge(subject, 1L, Long::sum);
        severityTotals[severitySlot]++;
        version++;
        buckets.headMap(buckets.lastKey() - SPAN.toMillis() / BUCKET.toMillis()).clear();
    }

    synchronized HistoryRates snapshot() {
        if (last.version() != version) {
            List<HistoryRates.Bucket> copied = new ArrayList<>(buckets.size());
            buckets.forEach((index, counts) -> copied.add(new HistoryRates.Bucket(
                    Instant.ofEpochMilli(index * BUCKET.toMillis()), Map.copyOf(counts.subjects()),
                    counts.severities().clone())));
            last = new HistoryRates(version, BUCKET, Map.copyOf(totals), severityTotals.clone(), List.copyOf(copied));
        }
        return last;
    }
}
