package dev.klaxon.guard;

import dev.klaxon.route.SubjectPattern;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a person asks for when silencing: a pattern, optional payload matchers, how long, and why. Starts now
 * unless {@code startsAt} is given.
 */
public record SilenceRequest(SubjectPattern pattern, List<PayloadMatcher> matchers, Instant startsAt,
                             Duration duration, String reason) {
    public SilenceRequest {
        Objects.requireNonNull(pattern, "pattern");
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a silence must last some time, got " + duration);
        }
        reason = reason == null ? "" : reason.strip();
    }

    public static SilenceRequest of(String pattern, Duration duration, String reason) {
        return new SilenceRequest(SubjectPattern.compile(pattern), List.of(), null, duration, reason);
    }

    public SilenceRequest withMatchers(List<PayloadMatcher> more) {
        return new SilenceRequest(pattern, more, startsAt, duration, reason);
    }

    Instant startsAt(Instant now) {
        return startsAt == null ? now : startsAt;
    }

    Instant endsAt(Instant now) {
        return startsAt(now).plus(duration);
    }
}
