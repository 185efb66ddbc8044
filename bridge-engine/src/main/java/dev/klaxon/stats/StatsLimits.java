package dev.klaxon.stats;

/**
 * Bounds that keep live stats' memory fixed whatever publishers do.
 *
 * @param maxSubjects   distinct subjects tracked one by one; later ones share the "other" bucket
 * @param tailLength    recent messages kept per subject
 * @param tailBodyBytes bytes of each recent message's body kept (the rest is marked truncated)
 * @param previewChars  length of the one-line preview of a subject's last message
 */
public record StatsLimits(int maxSubjects, int tailLength, int tailBodyBytes, int previewChars) {
    public StatsLimits {
        if (maxSubjects < 1 || tailLength < 1 || tailBodyBytes < 64 || previewChars < 8) {
            throw new IllegalArgumentException("stats limits too small");
        }
    }

    /** Worst case about 2,000 x 20 x 4 KB = 160 MB of tails; typical alert bodies keep it at a few MB. */
    public static StatsLimits defaults() {
        return new StatsLimits(2_000, 20, 4_096, 160);
    }
}
