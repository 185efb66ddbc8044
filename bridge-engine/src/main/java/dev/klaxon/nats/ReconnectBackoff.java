package dev.klaxon.nats;

import io.nats.client.ReconnectDelayHandler;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Wait between rounds of reconnect attempts: doubling from {@code min} up to {@code max}, plus up to a quarter of
 * random jitter so that many bridges cut off by the same server restart do not all come back in the same instant.
 */
final class ReconnectBackoff implements ReconnectDelayHandler {

    private final Duration min;
    private final Duration max;
    private final RandomGenerator random;

    ReconnectBackoff(Duration min, Duration max, RandomGenerator random) {
        this.min = min;
        this.max = max;
        this.random = random;
    }

    /** @param round the number of complete rounds through the server list so far, from 1 */
    @Override
    public Duration getWaitTime(long round) {
        long base = baseMillis(Math.max(1, round));
        long jitter = base / 4 == 0 ? 0 : random.nextLong(base / 4 + 1);
        return Duration.ofMillis(base + jitter);
    }

    private long baseMillis(long round) {
        long minMillis = min.toMillis();
        long maxMillis = max.toMillis();
        long doublings = round - 1;
        // compare before shifting so a long outage never overflows into a tiny or negative wait
        if (doublings >= Long.SIZE - 2 || minMillis > (maxMillis >> doublings)) {
            return maxMillis;
        }
        return minMillis << doublings;
    }
}
