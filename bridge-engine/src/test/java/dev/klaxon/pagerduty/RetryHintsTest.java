package dev.klaxon.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryHintsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void secondsAndHttpDates() {
        assertThat(RetryHints.parseRetryAfter("120", clock)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryHints.parseRetryAfter(" 0 ", clock)).isEqualTo(Duration.ZERO);
        assertThat(RetryHints.parseRetryAfter("Thu, 01 Jan 2026 00:01:30 GMT", clock))
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(RetryHints.parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
        assertThat(RetryHints.parseSeconds("1.5")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void nonsenseGivesNoHintAndHugeValuesAreCapped() {
        assertThat(RetryHints.parseRetryAfter("soon", clock)).isNull();
        assertThat(RetryHints.parseRetryAfter("-5", clock)).isNull();
        assertThat(RetryHints.parseRetryAfter("1e3", clock)).isNull();
        assertThat(RetryHints.parseRetryAfter("0x1p3", clock)).isNull();
        assertThat(RetryHints.parseRetryAfter("99999999999", clock)).isEqualTo(RetryHints.MAX_WAIT);
    }
}
