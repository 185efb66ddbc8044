package dev.klaxon.app.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PerfWindowTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final Instant AT = Instant.parse("2026-11-29T17:00:00Z");
    private static final long NONE = Long.MIN_VALUE;

    @Test
    void percentilesAreNearestRankOverTheWindowsSamples() {
        PerfWindow window = new PerfWindow(0);
        for (int i = 100; i >= 1; i--) {
            window.lag(i * MS); // out of order: the window sorts
        }
        PerfSample sample = window.close(SECOND, NONE, AT, 0, EngineCounts.NONE);
        assertThat(sample.lagP50Millis()).isEqualTo(50.0);
        assertThat(sample.lagP99Millis()).isEqualTo(99.0);
        assertThat(sample.lagMaxMillis()).isEqualTo(100.0);
        assertThat(sample.probes()).isEqualTo(100);
        assertThat(sample.slowProbes()).isEqualTo(67); // 34..100 ms are above 33 ms
        assertThat(sample.sluggish()).isTrue();
        assertThat(sample.at()).isEqualTo(AT);
    }

    @Test
    void framesArePerSecondOfTheWindowsRealLength() {
        PerfWindow window = new PerfWindow(10 * SECOND);
        for (int i = 0; i < 30; i++) {
            window.frame();
        }
        // The scheduler woke late: 30 frames in 1.5 s is 20 fps, not 30.
        assertThat(window.close(11 * SECOND + 500 * MS, NONE, AT, 0, EngineCounts.NONE).fps())
                .isCloseTo(20.0, within(1e-9));
    }

    @Test
    void aFrozenFxThreadReadsAsTheWaitingProbesAgeNotAsNoLag() {
        PerfWindow window = new PerfWindow(0);
        // The only probe was posted 100 ms in and never ran: the FX thread was stuck for the rest of the second.
        PerfSample sample = window.close(SECOND, 100 * MS, AT, 0, EngineCounts.NONE);
        assertThat(sample.probes()).isEqualTo(1);
        assertThat(sample.lagMaxMillis()).isEqualTo(900.0);
        assertThat(sample.lagP99Millis()).isEqualTo(900.0);
        assertThat(sample.fps()).isZero();
        assertThat(sample.sluggish()).isTrue();
    }

    @Test
    void aQuietWindowHasNoLagAndIsNotSluggish() {
        PerfWindow window = new PerfWindow(0);
        for (int i = 0; i < 20; i++) {
            window.lag(MS);
        }
        PerfSample sample = window.close(SECOND, NONE, AT, 300L * 1024 * 1024, new EngineCounts(5, 1));
        assertThat(sample.lagP99Millis()).isEqualTo(1.0);
        assertThat(sample.slowProbes()).isZero();
        assertThat(sample.sluggish()).isFalse();
        assertThat(sample.heapUsedMegabytes()).isEqualTo(300.0);
        assertThat(sample.processed()).isEqualTo(5);
        assertThat(sample.lost()).isEqualTo(1);
    }

    @Test
    void eachWindowStartsEmptyAndRatesTheEnginesProgressSinceTheLastOne() {
        PerfWindow window = new PerfWindow(0);
        window.lag(500 * MS);
        window.frame();
        PerfSample first = window.close(SECOND, NONE, AT, 0, new EngineCounts(1_000, 0));
        assertThat(first.processedPerSecond()).isZero(); // nothing to compare with yet

        PerfSample second = window.close(3 * SECOND, NONE, AT, 0, new EngineCounts(201_000, 0));
        assertThat(second.processedPerSecond()).isEqualTo(100_000); // 200,000 over two seconds
        assertThat(second.probes()).isZero();
        assertThat(second.lagMaxMillis()).isZero();
        assertThat(second.fps()).isZero();
    }

    @Test
    void keepsAFixedNumberOfSamplesButCountsEveryOne() {
        PerfWindow window = new PerfWindow(0);
        for (int i = 0; i < PerfWindow.MAX_SAMPLES; i++) {
            window.lag(MS);
        }
        window.lag(2_000 * MS); // beyond what is kept for the percentiles
        PerfSample sample = window.close(SECOND, NONE, AT, 0, EngineCounts.NONE);
        assertThat(sample.probes()).isEqualTo(PerfWindow.MAX_SAMPLES + 1);
        assertThat(sample.slowProbes()).isEqualTo(1);
        assertThat(sample.lagMaxMillis()).isEqualTo(2_000.0);
    }
}
