package dev.klaxon.testing;

import java.util.function.LongUnaryOperator;
import java.util.random.RandomGenerator;

/** Generators whose "random" draw is always the same end of the allowed range: to see a backoff's exact bounds. */
public final class FixedDraws {
    private FixedDraws() {
    }

    /** Always draws 0: the lowest value. */
    public static RandomGenerator lowest() {
        return drawing(bound -> 0);
    }

    /** Always draws {@code bound - 1}: the largest allowed value. */
    public static RandomGenerator highest() {
        return drawing(bound -> bound - 1);
    }

    private static RandomGenerator drawing(LongUnaryOperator fromBound) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return fromBound.applyAsLong(bound);
            }
        };
    }
}
