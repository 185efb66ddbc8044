package dev.klaxon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S",
        "30s, PT30S",
        "5m, PT5M",
        "1h, PT1H",
        "1d, PT24H",
        "0s, PT0S",
        "' 90s ', PT1M30S",
        "999999999d, PT23999999976H",
    })
    void parsesOneNumberAndOneUnit(String text, Duration expected) {
        assertThat(DurationText.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "m", "5 m", "5min", "1h30m", "-5m", "1.5h", "5M", "1000000000s", "five"})
    void refusesAnythingElseWithAHelpfulMessage(String text) {
        assertThatThrownBy(() -> DurationText.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a duration such as 5m (units ms, s, m, h, d), got \"" + text + "\"");
    }

    @ParameterizedTest
    @CsvSource({"PT0.5S, 500ms", "PT30S, 30s", "PT5M, 5m", "PT2H, 2h", "PT48H, 2d", "PT90S, 90s", "PT0S, 0s",
        "PT1.001S, 1001ms"})
    void formatsInTheLargestExactUnit(Duration duration, String expected) {
        assertThat(DurationText.format(duration)).isEqualTo(expected);
        assertThat(DurationText.parse(expected)).isEqualTo(duration);
    }
}
