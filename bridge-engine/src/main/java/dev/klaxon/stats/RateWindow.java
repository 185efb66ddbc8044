package dev.klaxon.stats;

/**
 * Counts per wall-clock second over the last minute, in a fixed ring: no allocation per event.
 * Not thread-safe; its owner synchronizes.
 */
final class RateWindow {
    private static final int SECONDS = 60;
    // One slot more than the window so the second in progress never overwrites the oldest full second.
    private final long[] counts = new long[SECONDS + 1];
    private final long[] secondOfSlot = new long[SECONDS + 1];

    RateWindow() {
        java.util.Arrays.fill(secondOfSlot, Long.MIN_VALUE);
    }

    void add(long epochSecond) {
        int slot = slot(epochSecond);
        if (secondOfSlot[slot] != epochSecond) {
            secondOfSlot[slot] = epochSecond;
            counts[slot] = 0;
        }
        counts[slot]++;
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

    private long countAt(long epochSecond) {
        int slot = slot(epochSecond);
        return secondOfSlot[slot] == epochSecond ? counts[slot] : 0;
    }

    private static int slot(long epochSecond) {
        return (int) Math.floorMod(epochSecond, (long) SECONDS + 1);
    }
}
