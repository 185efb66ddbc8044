package dev.klaxon.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.testing.FixedDraws;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = Backoff.defaults();

    @Test
    void delayStaysWithinTheDoublingCeilingUntilTheCap() {
        Random random = new Random(42);
        long[] ceilings = {1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000};
        for (int attempt = 0; attempt < ceilings.length; attempt++) {
            long max = 0;
            for (int i = 0; i < 2_000; i++) {
                Duration d = backoff.delay(attempt, null, random);
                assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(ceilings[attempt]));
                max = Math.max(max, d.toMillis());
            }
            // Full jitter uses the whole interval, so the largest draw gets close to the ceiling.
            assertThat(max).isGreaterThan(ceilings[attempt] * 9 / 10);
        }
    }

    @Test
    void hugeAttemptCountsDoNotOverflow() {
        Random random = new Random(1);
        for (int attempt : new int[] {31, 62, 63, 64, 1_000, Integer.MAX_VALUE, -1}) {
            assertThat(backoff.delay(attempt, null, random)).isBetween(Duration.ZERO, Duration.ofMinutes(5));
        }
        assertThat(backoff.ceilingMillis(-1)).isEqualTo(1_000);
    }

    @Test
    void jitterIsUniformOverTheInterval() {
        Random random = new Random(7);
        int samples = 100_000;
        int[] buckets = new int[10];
        double sum = 0;
        for (int i = 0; i < samples; i++) {
            long ms = backoff.delay(3, null, random).toMillis(); // ceiling 8 s
            sum += ms;
            buckets[(int) Math.min(9, ms / 800)]++;
        }
        assertThat(sum / samples).isCloseTo(4_000, org.assertj.core.data.Offset.offset(60.0));
        for (int count : buckets) {
            assertThat(count).isBetween(samples / 10 * 95 / 100, samples / 10 * 105 / 100);
        }
    }

    @Test
    void sameSeedSameDelays() {
        Random a = new Random(99);
        Random b = new Random(99);
        for (int attempt = 0; attempt < 20; attempt++) {
            assertThat(backoff.delay(attempt, null, a)).isEqualTo(backoff.delay(attempt, null, b));
        }
    }

    @Test
    void retryAfterIsAFloorWithJitterOnTop() {
        Random random = new Random(3);
        for (int i = 0; i < 1_000; i++) {
            Duration d = backoff.delay(1, Duration.ofSeconds(30), random);
            assertThat(d).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(32));
        }
        // The cap bounds the jitter, never the server's floor.
        assertThat(backoff.delay(20, Duration.ofMinutes(10), random))
                .isBetween(Duration.ofMinutes(10), Duration.ofMinutes(15));
    }

    @Test
    void absurdOrNegativeRetryAfterIsBounded() {
        Random random = new Random(5);
        assertThat(backoff.delay(0, Duration.ofDays(3), random))
                .isBetween(Backoff.MAX_RETRY_AFTER, Backoff.MAX_RETRY_AFTER.plusSeconds(1));
        assertThat(backoff.delay(0, Duration.ofSeconds(-5), random)).isBetween(Duration.ZERO, Duration.ofSeconds(1));
    }

    @Test
    void aRetryIsNeverDueAtTheInstantItFailed() {
        java.util.random.RandomGenerator lowestDraw = FixedDraws.lowest();
        assertThat(backoff.delay(0, null, lowestDraw)).isEqualTo(Duration.ofMillis(1));
        assertThat(backoff.delay(0, Duration.ofSeconds(30), lowestDraw)).isEqualTo(Duration.ofMillis(30_001));
    }

    @Test
    void configurableBaseAndCap() {
        Backoff quick = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        assertThat(quick.ceilingMillis(0)).isEqualTo(100);
        assertThat(quick.ceilingMillis(3)).isEqualTo(800);
        assertThat(quick.ceilingMillis(5)).isEqualTo(2_000);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
