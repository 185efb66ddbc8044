package dev.klaxon.stats;

import dev.klaxon.decision.Outcome;
import java.time.Instant;
import java.util.Map;

/**
 * One subject's live numbers at a point in time.
 *
 * @param subject     the subject, or {@link LiveStats#OTHER_SUBJECTS} for the bucket that takes subjects over the cap
 * @param byOutcome   count per outcome (every outcome present, zero included)
 * @param rate1s      messages per second over the last full second
 * @param rate1m      messages per second averaged over the last minute
 * @param lastPreview the last message's body, shortened to one line for tables
 */
public record SubjectSnapshot(String subject, long total, Map<Outcome, Long> byOutcome, double rate1s, double rate1m,
                              Instant lastSeen, String lastPreview) {
    public long count(Outcome outcome) {
        return byOutcome.getOrDefault(outcome, 0L);
    }
}
