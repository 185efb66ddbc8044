package dev.klaxon.engine;

import dev.klaxon.audit.AuditLog;
import dev.klaxon.decision.Outcome;
import dev.klaxon.stats.LiveStats;
import dev.klaxon.stats.SubjectSnapshot;
import dev.klaxon.stats.TailEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands the audit what was not forwarded, read from the live stats: the engine counts each message once, on its
 * processing thread, and the audit takes the differences every few seconds (DESIGN: counts per subject are the
 * engine's own truth; the audit reads them). Samples come from the subjects' tails. Counts are filed under the
 * minute of the reading, so a count may land up to one interval late. Not thread-safe: one caller at a time.
 */
final class AuditCounts {
    private static final Outcome[] OUTCOMES = Outcome.values();

    private final LiveStats stats;
    private final AuditLog audit;
    private final Clock clock;
    /** Counts already handed over, per subject; bounded by the stats' own subject cap. */
    private final Map<String, long[]> handedOver = new HashMap<>();
    private Instant lastReading = Instant.MIN;

    AuditCounts(LiveStats stats, AuditLog audit, Clock clock) {
        this.stats = stats;
        this.audit = audit;
        this.clock = clock;
    }

    void record() {
        Instant now = clock.instant();
        for (SubjectSnapshot subject : stats.subjects()) {
            long[] before = handedOver.computeIfAbsent(subject.subject(), s -> new long[OUTCOMES.length]);
            boolean changed = false;
            for (Outcome outcome : OUTCOMES) {
                long delta = subject.count(outcome) - before[outcome.ordinal()];
                if (delta > 0 && outcome != Outcome.FORWARDED) {
                    audit.addCount(subject.subject(), outcome, delta, now);
                    changed = true;
                }
                before[outcome.ordinal()] = subject.count(outcome);
            }
            if (changed) {
                sample(subject.subject());
            }
        }
        lastReading = now;
    }

    private void sample(String subject) {
        for (TailEntry entry : stats.tail(subject)) {
            if (entry.outcome() != Outcome.FORWARDED && entry.receivedAt().isAfter(lastReading)) {
                audit.sample(subject, entry.outcome(), entry.reason(), entry.receivedAt(), entry.body());
            }
        }
    }
}
