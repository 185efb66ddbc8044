package dev.klaxon.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The messages counted as history (stored before this member joined and read back from the stream) by the time
 * the stream stored them, so a rate chart draws them where they happened instead of as one spike at the join.
 *
 * @param version        changes whenever a history message was counted: an unchanged version is the same data
 * @param bucket         the width of each bucket
 * @param subjectTotals  every history message counted per subject (or bucket name), whole even where older
 *                       buckets were dropped: the part of each subject's total that is not live
 * @param severityTotals the same per severity slot (as {@link LiveStats} counts them, unknown last)
 * @param buckets        oldest first, only the last {@link HistoryCounts#SPAN} before the newest
 */
public record HistoryRates(long version, Duration bucket, Map<String, Long> subjectTotals, long[] severityTotals,
                           List<Bucket> buckets) {
    public static final HistoryRates NONE = new HistoryRates(0, HistoryCounts.BUCKET, Map.of(),
            new long[HistoryCounts.SEVERITY_SLOTS], List.of());

    /** The history messages stored in one bucket. */
    public record Bucket(Instant start, Map<String, Long> subjects, long[] severities) {
    }

    /** History messages counted under a subject: take them out of its total to get what arrived live. */
    public long total(String subject) {
        return subjectTotals.getOrDefault(subject, 0L);
    }
}
