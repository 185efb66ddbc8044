package dev.klaxon.outbox;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Full-jitter exponential backoff (the AWS "full jitter" scheme): the wait before retry number {@code attempt}
 * (0 for the first retry) is uniform in {@code [1 ms, min(cap, base * 2^attempt)]}, in whole milliseconds. Spreading
 * the whole interval, not just a tail, is what keeps many events failing together from retrying together. Never
 * zero: a zero draw made a retry due at the very instant of its failure, so an event could be tried twice in one
 * scheduling pass (StorageFullTest caught it, about one run in ten, with a clock standing still).
 *
 * <p><b>Rule when PagerDuty names a wait</b> ({@code Retry-After} on the Events API, {@code ratelimit-reset} on
 * REST): {@code delay = retryAfter + jitter}, with jitter drawn as above. The server's figure is a floor (retrying
 * earlier is known to fail), the jitter on top keeps the events held by one 429 from landing in one burst when it
 * ends, and it is small while attempts are few (1 s, 2 s, 4 s ...). The cap bounds the jitter only, never the
 * server's floor; a {@code retryAfter} above {@link #MAX_RETRY_AFTER} is treated as that (one hour), so a
 * garbled header cannot park an alert for days. A negative {@code retryAfter} counts as absent.
 *
 * <p>Stateless: a pure function of (attempt, retryAfter, random), so tests pass a seeded generator.
 */
public record Backoff(Duration base, Duration cap) {

    public static final Duration DEFAULT_BASE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CAP = Duration.ofMinutes(5);
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.toMillis() <= 0 || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, got base " + base + ", cap " + cap);
        }
    }

    public static Backoff defaults() {
        return new Backoff(DEFAULT_BASE, DEFAULT_CAP);
    }

    /**
     * @param attempt    retries already scheduled for this event (0 before the first retry)
     * @param retryAfter the wait PagerDuty asked for, or null when it gave none
     */
    public Duration delay(int attempt, Duration retryAfter, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        long jitter = 1 + random.nextLong(ceilingMillis(attempt));
        Duration jittered = Duration.ofMillis(jitter);
        if (retryAfter == null || retryAfter.isNegative()) {
            return jittered;
        }
        Duration floor = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        return floor.plus(jittered);
    }

    /** min(cap, base * 2^attempt) in milliseconds, without overflowing for large attempts. */
    long ceilingMillis(int attempt) {
        long capMillis = cap.toMillis();
        long baseMillis = base.toMillis();
        int shift = Math.max(0, attempt);
        if (shift >= Long.SIZE - 1 || baseMillis > (capMillis >> shift)) {
            return capMillis;
        }
        return Math.min(capMillis, baseMillis << shift);
    }
}
