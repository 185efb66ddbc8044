package dev.klaxon.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The rate window against a plain count per second, on event times that mostly stay in a second, move on, jump ahead
 * and now and then step back a little (a clock stepped back, two sources interleaved around a second's edge).
 */
class RateWindowTest {

    @Test
    void countsEverySecondOfTheLastMinuteAsAPlainTallyDoes() {
        for (long seed = 1; seed <= 200; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            RateWindow window = new RateWindow();
            Map<Long, Long> tally = new HashMap<>();
            long second = 1_796_400_000L + random.nextInt(1_000);
            long newest = second;
            for (int event = 0; event < 2_000; event++) {
                int move = random.nextInt(100);
                if (move < 5) {
                    second++;
                } else if (move == 5) {
                    second += random.nextInt(2, 130);
                } else if (move == 6) {
                    // A step back stays inside the window: further back, the ring (by design) has no slot for it.
                    second = Math.max(second - random.nextInt(1, 30), newest - 50);
                }
                newest = Math.max(newest, second);
                window.add(second);
                tally.merge(second, 1L, Long::sum);
                if (random.nextInt(50) == 0) {
                    assertSameAsTally(window, tally, newest + random.nextInt(0, 3), seed);
                }
            }
            assertSameAsTally(window, tally, newest + 1, seed);
        }
    }

    @Test
    void anEmptyWindowCountsNothing() {
        RateWindow window = new RateWindow();

        assertThat(window.lastSecond(1_796_400_000L)).isZero();
        assertThat(window.perSecondOverMinute(1_796_400_000L)).isZero();
    }

    private static void assertSameAsTally(RateWindow window, Map<Long, Long> tally, long now, long seed) {
        long sum = 0;
        for (long s = now - 60; s < now; s++) {
            sum += tally.getOrDefault(s, 0L);
        }
        assertThat(window.lastSecond(now)).as("last second, seed %d", seed)
                .isEqualTo(tally.getOrDefault(now - 1, 0L));
        assertThat(window.perSecondOverMinute(now)).as("minute average, seed %d", seed).isEqualTo(sum / 60.0);
    }
}
