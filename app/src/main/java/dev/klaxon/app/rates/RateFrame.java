package dev.klaxon.app.rates;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Rates over a run of equal buckets, ready to draw: every series has one value per bucket, oldest first.
 *
 * @param start  where the oldest bucket begins
 * @param bucket the width of one bucket
 * @param series bottom of the stack first
 */
public record RateFrame(Instant start, Duration bucket, int buckets, List<RateSeries> series) {
    public RateFrame {
        series = List.copyOf(series);
    }

    /** Where the newest bucket ends. */
    public Instant end() {
        return start.plus(bucket.multipliedBy(buckets));
    }
}
