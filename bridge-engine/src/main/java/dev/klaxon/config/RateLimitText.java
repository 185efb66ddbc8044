package dev.klaxon.config;

import java.time.Duration;

/** Rates as people write them in the config: {@code COUNT/DURATION}, such as {@code 30/1m}. */
public final class RateLimitText {

    /** Shown in error messages so a user can fix the value without looking anything up. */
    public static final String EXPECTED = "COUNT/DURATION such as 30/1m";

    private RateLimitText() {
    }

    /**
     * @throws IllegalArgumentException with a message such as {@code expected COUNT/DURATION such as 30/1m, got
     *                                  "thirty"}
     */
    public static RateLimit parse(String text) {
        String stripped = text == null ? "" : text.strip();
        int slash = stripped.indexOf('/');
        if (slash <= 0 || !stripped.substring(0, slash).chars().allMatch(c -> c >= '0' && c <= '9')
                || slash > 9) {
            throw malformed(text);
        }
        long count = Long.parseLong(stripped.substring(0, slash));
        Duration window;
        try {
            window = DurationText.parse(stripped.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            throw malformed(text);
        }
        if (count == 0) {
            throw new IllegalArgumentException("the count must be at least 1, got \"" + text + "\"");
        }
        if (window.isZero()) {
            throw new IllegalArgumentException("the duration must be longer than 0, got \"" + text + "\"");
        }
        return new RateLimit(count, window);
    }

    /** The text {@link #parse} reads back as the same limit. */
    public static String format(RateLimit limit) {
        return limit.count() + "/" + DurationText.format(limit.window());
    }

    private static IllegalArgumentException malformed(String text) {
        return new IllegalArgumentException("expected " + EXPECTED + ", got \"" + text + "\"");
    }
}
