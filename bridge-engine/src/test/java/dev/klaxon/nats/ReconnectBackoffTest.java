package dev.klaxon.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.testing.FixedDraws;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    private static final RandomGenerator MAX_JITTER = FixedDraws.highest();
    private static final RandomGenerator NO_JITTER = FixedDraws.lowest();

    @Test
    void doublesEachRoundUpToTheMaximum() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(250), Duration.ofSeconds(5), NO_JITTER);

        assertThat(backoff.getWaitTime(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.getWaitTime(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.getWaitTime(3)).isEqualTo(Duration.ofMillis(1000));
        assertThat(backoff.getWaitTime(5)).isEqualTo(Duration.ofMillis(4000));
        assertThat(backoff.getWaitTime(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.getWaitTime(1_000_000)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.getWaitTime(Long.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jitterAddsAtMostAQuarter() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(4), MAX_JITTER);

        assertThat(backoff.getWaitTime(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.getWaitTime(100)).isEqualTo(Duration.ofMillis(5000));
    }

    @Test
    void realJitterSpreadsWithinBounds() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(400), Duration.ofSeconds(4),
                new SplittableRandom(42));

        for (int i = 0; i < 1000; i++) {
            assertThat(backoff.getWaitTime(1)).isBetween(Duration.ofMillis(400), Duration.ofMillis(500));
        }
    }

    @Test
    void roundZeroOrBelowIsTreatedAsTheFirst() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(250), Duration.ofSeconds(5), NO_JITTER);

        assertThat(backoff.getWaitTime(0)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.getWaitTime(-3)).isEqualTo(Duration.ofMillis(250));
    }
}
