package dev.klaxon.app.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T03:00:00Z");

    @Test
    void relativeTimesReadNaturally() {
        assertThat(Formats.ago(null, NOW)).isEqualTo("—");
        assertThat(Formats.ago(NOW.minusMillis(300), NOW)).isEqualTo("now");
        assertThat(Formats.ago(NOW.minusSeconds(3), NOW)).isEqualTo("3 s ago");
        assertThat(Formats.ago(NOW.minusSeconds(250), NOW)).isEqualTo("4 min ago");
        assertThat(Formats.ago(NOW.minusSeconds(7300), NOW)).isEqualTo("2 h ago");
        assertThat(Formats.ago(NOW.minusSeconds(3 * 86_400), NOW)).isEqualTo("3 d ago");
    }

    @Test
    void ratesShowATrickleAndRoundAFlood() {
        assertThat(Formats.rate(0)).isEqualTo("0");
        assertThat(Formats.rate(0.01)).isEqualTo("<0.1");
        assertThat(Formats.rate(2.345)).isEqualTo("2.3");
        assertThat(Formats.rate(1234.6)).isEqualTo("1,235");
    }

    @Test
    void oneLineFlattensControlCharactersAndCuts() {
        assertThat(Formats.oneLine("a\nb\t\tc\u0007d", 100)).isEqualTo("a b c\\u0007d");
        assertThat(Formats.oneLine("evil\u202Etxt.exe", 100)).isEqualTo("evil\\u202Etxt.exe");
        assertThat(Formats.oneLine("abcdefghij", 5)).isEqualTo("abcd…");
        assertThat(Formats.oneLine("abcde", 5)).isEqualTo("abcde");
        assertThat(Formats.oneLine(null, 5)).isEmpty();
    }
}
