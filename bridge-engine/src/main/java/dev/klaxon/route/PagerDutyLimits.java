package dev.klaxon.route;

import java.util.List;

/**
 * PagerDuty's per-field limits (FACTS.md section 1), applied the same way wherever an event is built: by the
 * routes and by a manual {@code event send}. Each change made is recorded as an adjustment.
 */
public final class PagerDutyLimits {
    private PagerDutyLimits() {
    }

    /** The summary cut to PagerDuty's limit, with a marker, never splitting a character in two. */
    public static String summary(String summary, List<String> adjustments) {
        int limit = EventBodyRenderer.MAX_SUMMARY_LENGTH;
        if (summary.length() <= limit) {
            return summary;
        }
        adjustments.add("summary was " + summary.length() + " characters, over PagerDuty's limit of " + limit
                + "; truncated");
        int keep = limit - EventBodyRenderer.TRUNCATION_MARKER.length();
        if (Character.isHighSurrogate(summary.charAt(keep - 1))) {
            keep--;
        }
        return summary.substring(0, keep) + EventBodyRenderer.TRUNCATION_MARKER;
    }

    /** The dedup_key, or a stable hash of it when PagerDuty would refuse its length. */
    public static String dedupKey(String key, List<String> adjustments) {
        return DedupKeys.limit(key, adjustments);
    }
}
