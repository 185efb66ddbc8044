package dev.klaxon.app.rates;

/**
 * One line of a rate chart: a label and messages per second per bucket, oldest first.
 *
 * @param label     what the series counts (a subject, "other subjects", a severity)
 * @param perSecond one value per bucket of the frame it belongs to; never written after construction
 */
public record RateSeries(String label, double[] perSecond) {
    public double latest() {
        return perSecond.length == 0 ? 0 : perSecond[perSecond.length - 1];
    }

    public double peak() {
        double peak = 0;
        for (double value : perSecond) {
            peak = Math.max(peak, value);
        }
        return peak;
    }
}
