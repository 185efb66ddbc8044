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
     * The demo's schedule, a story told every three minutes over a calm baseline: 20 s of quiet, then one check
     * flaps hard for 15 s at 4 messages per 100 ms tick (40/s, 600 messages on one subject, far past a 30/min
     * flood threshold), so the subject enters flood state, its triggers are held and one coalesced page goes out;
     * then quiet again, the flood ends (a minute after the last burst message's minute), the monitoring tool
     * resolves each instance ({@link #resolveAfter}), and a calm minute follows before the next.
     */
    public static BurstSchedule standard() {
        return new BurstSchedule(Duration.ofSeconds(20), Duration.ofMinutes(3), Duration.ofSeconds(15), 4,
                List.of(new BurstTarget("gateway-5xx", "gw-eu-1"),
                        new BurstTarget("payments-declines", "pay-1"),
                        new BurstTarget("db-replication-lag", "db-2"),
                        new BurstTarget("staging-auth-login", "stg-auth-1")));
    }

    /** How long after a burst ends its check is resolved, as a monitoring tool does once the fault is fixed. */
    public Duration resolveAfter() {
        return period.minus(length).dividedBy(2);
    }

    /** The burst whose resolve is due at this tick, if any. */
    public Optional<Integer> resolveAt(long tick, Duration tickLength) {
        long first = firstAt.plus(length).plus(resolveAfter()).dividedBy(tickLength);
        long periodTicks = period.dividedBy(tickLength);
        if (tick < first || (tick - first) % periodTicks != 0) {
            return Optional.empty();
        }
        return Optional.of((int) ((tick - first) / periodTicks));
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
