package dev.klaxon.demo;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When the feed floods one subject: the k-th burst starts at {@code firstAt + k * period}, lasts {@code length} and
 * adds {@code perTick} messages every tick. Burst k floods {@code targets[k % size]}, so successive minutes show
 * different subjects tripping the flood guard.
 */
public record BurstSchedule(Duration firstAt, Duration period, Duration length, int perTick,
                            List<BurstTarget> targets) {

    /** A flapping check: one scenario on one host. */
    public record BurstTarget(String scenario, String source) { }

    public BurstSchedule {
        targets = List.copyOf(targets);
        if (targets.isEmpty() || perTick < 0 || length.compareTo(period) > 0 || period.isZero()) {
            throw new IllegalArgumentException("bad burst schedule");
        }
    }

    /**
     * The demo's schedule: the first burst starts 12 s after start (so a screenshot at ~25 s catches it), then one a
     * minute, each 10 s long at 4 messages per 100 ms tick (40/s on top of the ~20/s baseline): 400 messages on one
     * subject, far past a 30/min flood threshold.
     */
    public static BurstSchedule standard() {
        return new BurstSchedule(Duration.ofSeconds(12), Duration.ofMinutes(1), Duration.ofSeconds(10), 4,
                List.of(new BurstTarget("gateway-5xx", "gw-eu-1"),
                        new BurstTarget("payments-declines", "pay-1"),
                        new BurstTarget("db-replication-lag", "db-2"),
                        new BurstTarget("staging-auth-login", "stg-auth-1")));
    }

    /** Which burst (0-based) is running at this tick, if any. */
    public Optional<Integer> burstAt(long tick, Duration tickLength) {
        long first = firstAt.dividedBy(tickLength);
        if (tick < first) {
            return Optional.empty();
        }
        long sinceFirst = tick - first;
        long periodTicks = period.dividedBy(tickLength);
        long offset = sinceFirst % periodTicks;
        if (offset >= length.dividedBy(tickLength)) {
            return Optional.empty();
        }
        return Optional.of((int) (sinceFirst / periodTicks));
    }

    public BurstTarget target(int burst) {
        return targets.get(burst % targets.size());
    }
}
