package dev.klaxon.stats;

import dev.klaxon.decision.Outcome;

/**
 * The team stream's messages counted lately, by sequence: which subject bucket and outcome each was counted under.
 * A member that watched a message (live or as history) and then pulls it as the sender (it became the sender while
 * the message was still open) counts it once, under the decision that paged it. A fixed ring: no allocation per
 * message; a sequence that has left the ring is counted again, which takes {@link #CAPACITY} messages in between.
 * One writer (the processing thread).
 */
final class CountedSequences {
    static final int CAPACITY = 1 << 14;
    private static final int MASK = CAPACITY - 1;

    /** What a sequence was counted under. */
    record Counted(SubjectStats stats, Outcome outcome) {
    }

    private final long[] sequences = new long[CAPACITY];
    private final SubjectStats[] buckets = new SubjectStats[CAPACITY];
    private final Outcome[] outcomes = new Outcome[CAPACITY];

    /** Remembers {@code sequence} as counted under {@code stats} and {@code outcome}; returns what it was before. */
    Counted swap(long sequence, SubjectStats stats, Outcome outcome) {
        int slot = (int) (sequence & MASK);
        Counted before = sequences[slot] == sequence ? new Counted(buckets[slot], outcomes[slot]) : null;
        sequences[slot] = sequence;
        buckets[slot] = stats;
        outcomes[slot] = outcome;
        return before;
    }
}
