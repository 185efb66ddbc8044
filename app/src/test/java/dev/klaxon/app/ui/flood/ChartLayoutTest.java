package dev.klaxon.app.ui.flood;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.app.rates.RateFrame;
import dev.klaxon.app.rates.RateSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartLayoutTest {
    private static final Instant START = Instant.parse("2026-11-29T17:01:40Z");

    @Test
    void stacksTheSeriesBottomFirst() {
        RateFrame frame = new RateFrame(START, Duration.ofSeconds(5), 3, List.of(
                new RateSeries("a", new double[] {1, 2, 3}), new RateSeries("b", new double[] {4, 0, 0.5})));
        ChartLayout layout = ChartLayout.of(frame, 5, 6);
        assertThat(layout.tops()[0]).containsExactly(1, 2, 3);
        assertThat(layout.tops()[1]).containsExactly(5, 2, 3.5);
        assertThat(layout.axisMax()).isEqualTo(5);
        assertThat(layout.rateTicks()).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
    }

    @Test
    void roundsTheAxisToAReadableStep() {
        assertThat(ChartLayout.niceStep(37, 5)).isEqualTo(10);
        assertThat(ChartLayout.niceStep(0.7, 5)).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ChartLayout.niceStep(1_234, 4)).isEqualTo(500);
        RateFrame frame = new RateFrame(START, Duration.ofSeconds(5), 1, List.of(
                new RateSeries("a", new double[] {37})));
        ChartLayout layout = ChartLayout.of(frame, 5, 6);
        assertThat(layout.axisMax()).isEqualTo(40);
        assertThat(layout.rateTicks()).containsExactly(0.0, 10.0, 20.0, 30.0, 40.0);
    }

    @Test
    void anIdleChartStillHasAnAxis() {
        RateFrame frame = new RateFrame(START, Duration.ofSeconds(5), 2, List.of(
                new RateSeries("a", new double[] {0, 0})));
        ChartLayout layout = ChartLayout.of(frame, 5, 6);
        assertThat(layout.axisMax()).isEqualTo(1);
        assertThat(layout.rateTicks()).containsExactly(0.0, 1.0);
    }

    @Test
    void timeTicksFallOnWholeMinutesAtAStepThatFits() {
        // 15 minutes from 17:01:40: every 3 minutes keeps it to at most 6 labels.
        RateFrame frame = new RateFrame(START, Duration.ofSeconds(5), 180, List.of());
        ChartLayout layout = ChartLayout.of(frame, 5, 6);
        assertThat(layout.timeTicks()).extracting(Instant::toString).containsExactly("2026-11-29T17:03:00Z",
                "2026-11-29T17:06:00Z", "2026-11-29T17:09:00Z", "2026-11-29T17:12:00Z", "2026-11-29T17:15:00Z");
        assertThat(ChartLayout.xOf(frame, START)).isZero();
        assertThat(ChartLayout.xOf(frame, frame.end())).isEqualTo(1.0);
        assertThat(ChartLayout.xOf(frame, Instant.parse("2026-11-29T17:09:10Z"))).isEqualTo(0.5);
    }
}
