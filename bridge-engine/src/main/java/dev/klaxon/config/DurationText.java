package dev.klaxon.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in the config: a whole number and one unit, such as {@code 500ms}, {@code 30s},
 * {@code 5m}, {@code 1h} or {@code 1d}. One unit only, so there is a single way to write each value.
 */
public final class DurationText {

    /** Shown in error messages so a user can fix the value without looking anything up. */
    public static final String EXPECTED = "a duration such as 5m (units ms, s, m, h, d)";

    // Nine digits keep every unit, days included, far inside Duration's range.
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private DurationText() {
    }

    /**
     * Parses a duration; zero is allowed here, callers that need a positive one check it.
     *
     * @throws IllegalArgumentException with a message such as {@code expected a duration such as 5m (units ms, s, m,
     *                                  h, d), got "5 minutes"}
     */
    public static Duration parse(String text) {
        Matcher matcher = FORMAT.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected " + EXPECTED + ", got \"" + text + "\"");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalStateException("unit not handled: " + matcher.group(2));
        };
    }

    /** The shortest text {@link #parse} reads back as the same duration: 300 s becomes {@code 5m}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative durations have no config form: " + duration);
        }
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        if (millis % Duration.ofDays(1).toMillis() == 0) {
            return duration.toDays() + "d";
        }
        if (millis % Duration.ofHours(1).toMillis() == 0) {
            return duration.toHours() + "h";
        }
        if (millis % Duration.ofMinutes(1).toMillis() == 0) {
            return duration.toMinutes() + "m";
        }
        if (millis % 1000 == 0) {
            return duration.toSeconds() + "s";
        }
        return millis + "ms";
    }
}
