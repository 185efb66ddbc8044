package dev.klaxon.stats;

/**
 * Counts per wall-clock second over the last minute, in a fixed ring: no allocation per event.
 * Not thread-safe; its owner synchronizes.
 *
 * <p>The second in progress is counted in fields, not in the ring: nearly every event falls in the same second as the
 * one before, and then {@link #add} touches neither array nor divides (the ring's slot lookup, a long division, was
 * a measurable share of the processing thread in the engine benchmark, which counts 1,000 subjects' messages here).
 */
final class RateWindow {
    private static final int SECONDS = 60;
    // One slot more than the window so the second in progress never overwrites the oldest full second.
    private final long[] counts = new long[SECONDS + 1];
    private final long[] secondOfSlot = new long[SECONDS + 1];
    /** The second events were last counted in; its count is {@link #currentCount}, not yet in the ring. */
    private long currentSecond = Long.MIN_VALUE;
    private long currentCount;

    RateWindow() {
        java.util.Arrays.fill(secondOfSlot, Long.MIN_VALUE);
    }

    void add(long epochSecond) {
        if (epochSecond != currentSecond) {
            switchTo(epochSecond);
        }
        currentCount++;
    }

    /** Events in the last full second before {@code nowSecond}. */
    long lastSecond(long nowSecond) {
        return countAt(nowSecond - 1);
    }

    /** Events per second averaged over the 60 full seconds before {@code nowSecond}. */
    double perSecondOverMinute(long nowSecond) {
        long sum = 0;
        for (long s = nowSecond - SECONDS; s < nowSecond; s++) {
            sum += countAt(s);
        }
        return sum / (double) SECONDS;
    }

    /**
     * Puts the current second's count in the ring and makes {@code epochSecond} current, starting from what the ring
     * holds for it (events may step back to a second already counted) or from zero when its slot held another second.
     */
    private void switchTo(long epochSecond) {
        if (currentSecond != Long.MIN_VALUE) {
            counts[slot(currentSecond)] = currentCount;
        }
        int slot = slot(epochSecond);
        if (secondOfSlot[slot] != epochSecond) {
            secondOfSlot[slot] = epochSecond;
            counts[slot] = 0;
        }
        currentSecond = epochSecond;
        currentCount = counts[slot];
    }

    private long countAt(long epochSecond) {
        if (epochSecond == currentSecond) {
            return currentCount;
        }
        int slot = slot(epochSecond);
        return secondOfSlot[slot] == epochSecond ? counts[slot] : 0;
    }

    private static int slot(long epochSecond) {
        return (int) Math.floorMod(epochSecond, (long) SECONDS + 1);
    }
}
