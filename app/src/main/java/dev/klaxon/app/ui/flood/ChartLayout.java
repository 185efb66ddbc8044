package dev.klaxon.app.ui.flood;

import dev.klaxon.app.rates.RateFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stacked rate chart draws, worked out away from any canvas: the top of each series' band per bucket, a
 * rate axis rounded to a readable step (1, 2 or 5 times a power of ten) and time ticks on whole minutes.
 *
 * @param tops       {@code tops[i][b]}: the top of series {@code i}'s band in bucket {@code b} (sum of series 0..i)
 * @param axisMax    the rate at the top of the chart; at least the highest stack
 * @param rateTicks  rates to label on the axis, 0 and {@code axisMax} included
 * @param timeTicks  whole-minute instants within the frame to label
 */
public record ChartLayout(double[][] tops, double axisMax, List<Double> rateTicks, List<Instant> timeTicks) {
    private static final long[] TIME_STEPS_MINUTES = {1, 2, 3, 5, 10, 15, 30, 60};

    public static ChartLayout of(RateFrame frame, int maxRateTicks, int maxTimeTicks) {
        int buckets = frame.buckets();
        double[][] tops = new double[frame.series().size()][buckets];
        double highest = 0;
        for (int b = 0; b < buckets; b++) {
            double sum = 0;
            for (int i = 0; i < tops.length; i++) {
                sum += frame.series().get(i).perSecond()[b];
                tops[i][b] = sum;
            }
            highest = Math.max(highest, sum);
        }
        double step = niceStep(highest, maxRateTicks);
        double axisMax = highest <= 0 ? step : Math.ceil(highest / step - 1e-9) * step;
        List<Double> rateTicks = new ArrayList<>();
        for (int i = 0; i * step <= axisMax + step / 1_000; i++) {
            rateTicks.add(i * step);
        }
        return new ChartLayout(tops, axisMax, rateTicks, timeTicks(frame, maxTimeTicks));
    }

    /** The smallest 1/2/5 x 10^k step that labels 0..highest with at most {@code maxTicks} intervals. */
    static double niceStep(double highest, int maxTicks) {
        if (highest <= 0) {
            return 1;
        }
        double rough = highest / Math.max(1, maxTicks);
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * power >= rough - 1e-12) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    private static List<Instant> timeTicks(RateFrame frame, int maxTicks) {
        List<Instant> ticks = new ArrayList<>();
        if (frame.buckets() == 0) {
            return ticks;
        }
        long spanMinutes = Math.max(1, Duration.between(frame.start(), frame.end()).toMinutes());
        long stepMinutes = TIME_STEPS_MINUTES[TIME_STEPS_MINUTES.length - 1];
        for (long candidate : TIME_STEPS_MINUTES) {
            if (spanMinutes / candidate <= maxTicks) {
                stepMinutes = candidate;
                break;
            }
        }
        long stepMillis = stepMinutes * 60_000;
        long first = Math.floorDiv(frame.start().toEpochMilli() + stepMillis - 1, stepMillis) * stepMillis;
        for (long at = first; at <= frame.end().toEpochMilli(); at += stepMillis) {
            ticks.add(Instant.ofEpochMilli(at));
        }
        return ticks;
    }

    /** Where an instant falls across the frame, 0 at its start and 1 at its end. */
    public static double xOf(RateFrame frame, Instant at) {
        double span = Duration.between(frame.start(), frame.end()).toMillis();
        return span <= 0 ? 0 : Duration.between(frame.start(), at).toMillis() / span;
    }
}
