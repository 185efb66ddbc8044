package dev.klaxon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitTextTest {

    @Test
    void parsesCountSlashDuration() {
        assertThat(RateLimitText.parse("30/1m")).isEqualTo(new RateLimit(30, Duration.ofMinutes(1)));
        assertThat(RateLimitText.parse("100/10s")).isEqualTo(new RateLimit(100, Duration.ofSeconds(10)));
        assertThat(RateLimitText.parse(" 5/500ms ")).isEqualTo(new RateLimit(5, Duration.ofMillis(500)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"thirty", "30", "/1m", "30/", "30/1", "30 / 1m", "-1/1m", "30/1m/2", "1234567890/1m"})
    void refusesMalformedRates(String text) {
        assertThatThrownBy(() -> RateLimitText.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected COUNT/DURATION such as 30/1m, got \"" + text + "\"");
    }

    @Test
    void refusesAZeroCountOrWindow() {
        assertThatThrownBy(() -> RateLimitText.parse("0/1m"))
                .hasMessage("the count must be at least 1, got \"0/1m\"");
        assertThatThrownBy(() -> RateLimitText.parse("30/0s"))
                .hasMessage("the duration must be longer than 0, got \"30/0s\"");
    }

    @Test
    void formatsBackToTheSameText() {
        assertThat(RateLimitText.format(new RateLimit(30, Duration.ofMinutes(1)))).isEqualTo("30/1m");
        assertThat(RateLimitText.format(new RateLimit(7, Duration.ofMillis(1500)))).isEqualTo("7/1500ms");
    }
}
