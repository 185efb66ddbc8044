package dev.klaxon.app.ui.silences;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.guard.PayloadMatcher;
import dev.klaxon.guard.Silence;
import dev.klaxon.guard.SilenceRecord;
import dev.klaxon.route.SubjectPattern;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceTextTest {
    private static final Instant START = Instant.parse("2026-01-01T03:00:00Z");

    private static SilenceRecord silence(Instant expiredAt, long matched, boolean whileFiring) {
        return new SilenceRecord(new Silence(7, SubjectPattern.compile("alerts.prod.db.>"),
                List.of(PayloadMatcher.parse("severity=warning")), START, START.plus(Duration.ofHours(1)), "ana",
                "drill", START, expiredAt), matched, whileFiring);
    }

    @Test
    void timeLeftIsToTheSecondBelowAnHour() {
        SilenceRecord record = silence(null, 3, false);
        assertThat(SilenceText.remaining(record, START.minusSeconds(90))).isEqualTo("starts in 1m 30s");
        assertThat(SilenceText.remaining(record, START.plusSeconds(5))).isEqualTo("ends in 59m 55s");
        assertThat(SilenceText.remaining(record, START.plus(Duration.ofMinutes(70)))).isEqualTo("ended 10 min ago");
        assertThat(SilenceText.span(Duration.ofHours(26))).isEqualTo("1d 02h");
    }

    @Test
    void anEarlyExpiryAndTheFlagsAreSaidInWords() {
        SilenceRecord early = silence(START.plus(Duration.ofMinutes(10)), 0, true);
        Instant later = START.plus(Duration.ofMinutes(20));
        assertThat(SilenceText.remaining(early, later)).isEqualTo("ended 10 min ago (early)");
        assertThat(SilenceText.flags(early, later)).containsExactly("never matched", "ended while still firing");
        assertThat(SilenceText.flags(silence(null, 0, false), START.plusSeconds(1))).isEmpty();
        assertThat(SilenceText.covers(early.silence())).isEqualTo("alerts.prod.db.> · severity=warning");
    }
}
