package dev.klaxon.guard;

import java.time.Duration;
import java.time.Instant;

/**
 * Events in the last {@code window}, counted in a fixed number of buckets, so memory stays the same whatever the
 * rate (a threshold of 10,000/1m costs what 30/1m does). The count is exact to within one bucket's width.
 */
final class SlidingCount {
    private static final int BUCKETS = 12;

    private final long bucketMillis;
    private final long[] counts = new long[BUCKETS];
    /** The bucket number (time / width) each slot last counted for. */
    private final long[] slots = new long[BUCKETS];

    SlidingCount(Duration window) {
        this.bucketMillis = Math.max(1, window.toMillis() / BUCKETS);
    }

    void add(Instant at) {
        long bucket = at.toEpochMilli() / bucketMillis;
        int slot = (int) Math.floorMod(bucket, (long) BUCKETS);
        if (slots[slot] != bucket) {
            slots[slot] = bucket;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    long count(Instant now) {
        long current = now.toEpochMilli() / bucketMillis;
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (current - slots[i] < BUCKETS && slots[i] <= current) {
                total += counts[i];
            }
        }
        return total;
    }
}
