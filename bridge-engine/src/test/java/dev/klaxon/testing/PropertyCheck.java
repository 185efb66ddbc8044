package dev.klaxon.testing;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small property-based test runner: generates inputs from a seeded random source, checks a property on each and,
 * on a failure, shrinks the input and reports it with the seed that replays the whole run.
 *
 * <p>Why not jqwik: from 1.10 on its maintainer asks that it not be used by AI coding agents (the "Anti-AI Usage
 * Clause" in its release notes and user guide), and these tests were written by one; 1.9.x would only sidestep
 * that wish. See the report of issue 15's decoder work.
 *
 * <p>The seed is random on each run (so runs together cover more ground) unless {@code -Dklaxon.fuzz.seed=N} fixes
 * it; {@code -Dklaxon.fuzz.tries=N} overrides every property's number of tries.
 */
public final class PropertyCheck<T> {
    public static final String SEED_PROPERTY = "klaxon.fuzz.seed";
    public static final String TRIES_PROPERTY = "klaxon.fuzz.tries";
    /** Property runs allowed while shrinking one failure: enough to cut a 2 KB input down, bounded in time. */
    private static final int MAX_SHRINK_RUNS = 5_000;

    private final Function<SplittableRandom, T> generator;
    private final Function<T, List<T>> shrinker;
    private final Function<T, String> shower;

    private PropertyCheck(Function<SplittableRandom, T> generator, Function<T, List<T>> shrinker,
                          Function<T, String> shower) {
        this.generator = generator;
        this.shrinker = shrinker;
        this.shower = shower;
    }

    /** Inputs from {@code generator}, not shrunk, shown with {@code toString}. */
    public static <T> PropertyCheck<T> of(Function<SplittableRandom, T> generator) {
        return new PropertyCheck<>(generator, value -> List.of(), String::valueOf);
    }

    /** Byte arrays, shrunk by cutting pieces out and shown as escaped text. */
    public static PropertyCheck<byte[]> ofBytes(Function<SplittableRandom, byte[]> generator) {
        return new PropertyCheck<>(generator, Shrinking::smallerByteArrays, Shrinking::showBytes);
    }

    /** Strings, shrunk by cutting pieces out and shown escaped. */
    public static PropertyCheck<String> ofStrings(Function<SplittableRandom, String> generator) {
        return new PropertyCheck<>(generator, Shrinking::smallerStrings, Shrinking::showString);
    }

    /**
     * Checks {@code property} on {@code tries} generated inputs.
     *
     * @return what the run did, for a test that wants to report its time
     * @throws AssertionError naming the seed, the try and the smallest failing input found
     */
    public Run forAll(int tries, Consumer<T> property) {
        long seed = Long.getLong(SEED_PROPERTY, ThreadLocalRandom.current().nextLong());
        int count = Integer.getInteger(TRIES_PROPERTY, tries);
        SplittableRandom random = new SplittableRandom(seed);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            T input = generator.apply(random.split());
            Throwable failure = failureOf(property, input);
            if (failure != null) {
                Shrunk<T> smallest = shrink(property, input, failure);
                AssertionError error = new AssertionError("property failed on try " + (i + 1) + " of " + count
                        + " (replay with -D" + SEED_PROPERTY + "=" + seed + ")\n  smallest failing input ("
                        + smallest.steps() + " shrink steps): " + shower.apply(smallest.input())
                        + "\n  failure: " + smallest.failure(), smallest.failure());
                throw error;
            }
        }
        return new Run(count, seed, (System.nanoTime() - start) / 1_000_000);
    }

    /** What one run did. */
    public record Run(int tries, long seed, long millis) {
    }

    private record Shrunk<T>(T input, Throwable failure, int steps) {
    }

    /** Greedy: take the first smaller candidate that still fails, until none does or the budget is spent. */
    private Shrunk<T> shrink(Consumer<T> property, T input, Throwable failure) {
        T current = input;
        Throwable currentFailure = failure;
        int steps = 0;
        int runs = 0;
        boolean smaller = true;
        while (smaller && runs < MAX_SHRINK_RUNS) {
            smaller = false;
            for (T candidate : shrinker.apply(current)) {
                if (++runs > MAX_SHRINK_RUNS) {
                    break;
                }
                Throwable candidateFailure = failureOf(property, candidate);
                if (candidateFailure != null) {
                    current = candidate;
                    currentFailure = candidateFailure;
                    steps++;
                    smaller = true;
                    break;
                }
            }
        }
        return new Shrunk<>(current, currentFailure, steps);
    }

    private static <T> Throwable failureOf(Consumer<T> property, T input) {
        try {
            property.accept(input);
            return null;
        } catch (AssertionError | RuntimeException | StackOverflowError e) {
            return e;
        }
    }
}
