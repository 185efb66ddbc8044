package dev.klaxon.pagerduty;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads how long PagerDuty wants us to wait from a response's headers: {@code Retry-After} (RFC 9110: delay in
 * seconds or an HTTP-date) or, as the REST API sends it, {@code ratelimit-reset} (seconds until the window resets).
 * Retry-After wins when both are present because it is the explicit instruction for this response.
 */
public final class RetryHints {
    /** A bound so a hostile or broken header cannot park an event for years or overflow arithmetic downstream. */
    static final Duration MAX_WAIT = Duration.ofHours(24);
    private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d+)?");

    private RetryHints() {
    }

    /** The requested wait, between zero and {@link #MAX_WAIT}, or null when the headers give no usable hint. */
    public static Duration from(HttpHeaders headers, Clock clock) {
        Duration retryAfter = headers.firstValue("Retry-After").map(v -> parseRetryAfter(v, clock)).orElse(null);
        if (retryAfter != null) {
            return retryAfter;
        }
        return headers.firstValue("ratelimit-reset").map(RetryHints::parseSeconds).orElse(null);
    }

    /** {@code Retry-After}: whole seconds, or an HTTP-date measured from {@code clock}'s now. Null if unparseable. */
    static Duration parseRetryAfter(String value, Clock clock) {
        String text = value.strip();
        Duration seconds = parseSeconds(text);
        if (seconds != null) {
            return seconds;
        }
        return parseHttpDate(text).map(at -> clamp(Duration.between(clock.instant(), at))).orElse(null);
    }

    /** A non-negative number of seconds (fractions allowed: some rate limiters send them), or null. */
    static Duration parseSeconds(String value) {
        String text = value.strip();
        // Checked before parsing: Double.parseDouble would also take "1e3", "0x1p3" or "30d".
        if (text.length() > 20 || !SECONDS.matcher(text).matches()) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(text);
            if (seconds >= MAX_WAIT.toSeconds()) {
                return MAX_WAIT;
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Optional<Instant> parseHttpDate(String text) {
        try {
            // RFC 1123 is the preferred HTTP-date form and the one servers send in practice.
            return Optional.of(ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration clamp(Duration wait) {
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }
}
