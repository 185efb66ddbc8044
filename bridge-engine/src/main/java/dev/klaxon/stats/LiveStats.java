package dev.klaxon.stats;

import dev.klaxon.decision.Decision;
import dev.klaxon.decision.Outcome;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.message.Severity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Per-subject counts by outcome, rates over 1 s and 1 min, and a bounded tail of recent messages; the engine's
 * own truth about what it decided. Memory is bounded: past {@link StatsLimits#maxSubjects()} distinct subjects,
 * new subjects are counted together under {@link #OTHER_SUBJECTS}.
 *
 * <p>{@link #record} is called by one processing thread; every other method may be called from any thread.
 */
public final class LiveStats {
    /** The bucket for subjects beyond the cap. */
    public static final String OTHER_SUBJECTS = "(other subjects)";
    /** The bucket for subjects too absurd to track by name (too long, empty tokens, control characters...). */
    public static final String INVALID_SUBJECTS = "(invalid subjects)";

    private static final Outcome[] OUTCOMES = Outcome.values();
    /** The slot past the last severity counts messages whose severity is unknown. */
    private static final int UNKNOWN_SEVERITY = Severity.values().length;

    private final Clock clock;
    private final StatsLimits limits;
    private final Map<String, SubjectStats> subjects = new ConcurrentHashMap<>();
    private final SubjectStats other;
    private final AtomicLongArray totals = new AtomicLongArray(OUTCOMES.length);
    private final AtomicReferenceArray<String> lastReasons = new AtomicReferenceArray<>(OUTCOMES.length);
    private final AtomicLongArray bySeverity = new AtomicLongArray(UNKNOWN_SEVERITY + 1);
    private final CountedSequences counted = new CountedSequences();
    private final HistoryCounts history = new HistoryCounts();
    /** Subjects in {@link #subjects}; read and written only by the processing thread. */
    private int tracked;

    public LiveStats(Clock clock, StatsLimits limits) {
        this.clock = clock;
        this.limits = limits;
        this.other = new SubjectStats(OTHER_SUBJECTS, limits);
    }

    /**
     * Counts one message under its subject, or under {@code bucket} when the caller knows the subject must not be
     * tracked by name (pass null otherwise).
     */
    public void record(InboundMessage message, Decision decision, String bucket) {
        record(slot(bucket != null ? bucket : message.subject()), message, decision);
    }

    /**
     * Where a subject's messages are counted: its own stats, or the "other subjects" bucket past the cap. Starts
     * tracking the subject, so ask only for a subject about to be counted under its own name; the processing thread
     * may keep the slot and count with it, since a subject's slot never changes.
     */
    public SubjectStats slot(String subject) {
        SubjectStats stats = subjects.get(subject);
        if (stats == null) {
            stats = tracked < limits.maxSubjects() ? track(subject) : other;
        }
        return stats;
    }

    /** Counts one message in {@code stats}, a slot this instance gave for the message's subject. */
    public void record(SubjectStats stats, InboundMessage message, Decision decision) {
        int index = decision.outcome().ordinal();
        long sequence = message.position() == null ? 0 : message.position().sequence();
        CountedSequences.Counted before = sequence == 0 ? null : counted.swap(sequence, stats, decision.outcome());
        lastReasons.lazySet(index, decision.reason());
        if (before != null && before.stats() == stats) {
            // Watched first, now pulled by this member as the sender: one alert, counted once, as it was decided last.
            stats.recount(message, decision, before.outcome());
            add(totals, before.outcome().ordinal(), -1);
            add(totals, index, 1);
            return;
        }
        stats.record(message, decision);
        add(totals, index, 1);
        Severity severity = SeverityTotals.of(decision);
        int severitySlot = severity == null ? UNKNOWN_SEVERITY : severity.ordinal();
        add(bySeverity, severitySlot, 1);
        if (message.position() != null && message.position().history()) {
            history.add(message.position().historyAt(), stats.subject(), severitySlot); // "other" is named so
        }
    }

    /**
     * Counters with one writer, the processing thread, need no atomic add: a plain read and a release store keep
     * each count exact and let readers see it soon, without the full fence an atomic add costs on every message.
     */
    private static void add(AtomicLongArray counters, int index, long delta) {
        counters.lazySet(index, counters.get(index) + delta);
    }

    /** Only the processing thread adds subjects, so it can count them without summing the map's counter cells. */
    private SubjectStats track(String key) {
        SubjectStats stats = new SubjectStats(key, limits);
        subjects.put(key, stats);
        tracked++;
        return stats;
    }

    /** The history messages counted so far, by the time the stream stored them. */
    public HistoryRates history() {
        return history.snapshot();
    }

    public List<SubjectSnapshot> subjects() {
        Instant now = clock.instant();
        List<SubjectSnapshot> result = new ArrayList<>(subjects.size() + 1);
        for (SubjectStats stats : subjects.values()) {
            result.add(stats.snapshot(now));
        }
        SubjectSnapshot rest = other.snapshot(now);
        if (rest.total() > 0) {
            result.add(rest);
        }
        return result;
    }

    /** The recent messages of a subject (or bucket), oldest first; empty when unknown. */
    public List<TailEntry> tail(String subject) {
        SubjectStats stats = OTHER_SUBJECTS.equals(subject) ? other : subjects.get(subject);
        return stats == null ? List.of() : stats.tail();
    }

    public Map<Outcome, Long> totals() {
        EnumMap<Outcome, Long> result = new EnumMap<>(Outcome.class);
        for (Outcome outcome : OUTCOMES) {
            result.put(outcome, totals.get(outcome.ordinal()));
        }
        return Collections.unmodifiableMap(result);
    }

    /** Messages per severity over all subjects; each counter is exact, the five are read one after another. */
    public SeverityTotals severities() {
        return new SeverityTotals(bySeverity.get(Severity.CRITICAL.ordinal()), bySeverity.get(Severity.ERROR.ordinal()),
                bySeverity.get(Severity.WARNING.ordinal()), bySeverity.get(Severity.INFO.ordinal()),
                bySeverity.get(UNKNOWN_SEVERITY));
    }

    public Map<Outcome, String> lastReasons() {
        EnumMap<Outcome, String> result = new EnumMap<>(Outcome.class);
        for (Outcome outcome : OUTCOMES) {
            String reason = lastReasons.get(outcome.ordinal());
            if (reason != null) {
                result.put(outcome, reason);
            }
        }
        return Collections.unmodifiableMap(result);
    }

    /** Distinct subjects tracked by name (the "other" bucket not included). */
    public int trackedSubjects() {
        return subjects.size();
    }
}
