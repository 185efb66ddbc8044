package dev.klaxon.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PollPacingTest {
    private final PollPacing pacing = new PollPacing(Duration.ofSeconds(15));

    @Test
    void pollsAtThePeriodUntilFewRequestsAreLeftThenSlowsDown() {
        assertThat(pacing.afterSuccess(OptionalInt.empty())).isEqualTo(Duration.ofSeconds(15));
        assertThat(pacing.afterSuccess(OptionalInt.of(500))).isEqualTo(Duration.ofSeconds(15));
        assertThat(pacing.afterSuccess(OptionalInt.of(PollPacing.LOW_REMAINING - 1))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void failuresBackOffExponentiallyUpToFiveMinutes() {
        assertThat(pacing.afterFailure(1)).isEqualTo(Duration.ofSeconds(15));
        assertThat(pacing.afterFailure(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(pacing.afterFailure(3)).isEqualTo(Duration.ofSeconds(60));
        assertThat(pacing.afterFailure(50)).isEqualTo(PollPacing.MAX_BACKOFF);
    }

    @Test
    void aRateLimitWaitsForPagerDutysHintOrAWholeWindow() {
        assertThat(pacing.rateLimitWait(Duration.ofSeconds(42))).isEqualTo(Duration.ofSeconds(42));
        assertThat(pacing.rateLimitWait(Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
        assertThat(pacing.rateLimitWait(null)).isEqualTo(PollPacing.UNHINTED_RATE_WAIT);
    }
}
