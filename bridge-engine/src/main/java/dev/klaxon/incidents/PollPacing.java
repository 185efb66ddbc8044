package dev.klaxon.incidents;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * When to poll next. PagerDuty asks clients to back off on 429 for {@code ratelimit-reset} seconds and to slow down
 * rather than be throttled (FACTS.md "REST rate limits"); failures back off exponentially so an outage is not
 * hammered either.
 */
final class PollPacing {
    /** Below this many requests left in PagerDuty's window (960 a minute) the desk polls four times slower. */
    static final int LOW_REMAINING = 60;
    /** A 429 may come without any hint: a minute is PagerDuty's window. */
    static final Duration UNHINTED_RATE_WAIT = Duration.ofSeconds(60);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Duration MIN_RATE_WAIT = Duration.ofSeconds(1);

    private final Duration period;

    PollPacing(Duration period) {
        this.period = period;
    }

    Duration afterSuccess(OptionalInt remaining) {
        return remaining.isPresent() && remaining.getAsInt() < LOW_REMAINING ? period.multipliedBy(4) : period;
    }

    /** @param consecutive failures in a row, this one included */
    Duration afterFailure(int consecutive) {
        Duration wait = period;
        for (int i = 1; i < consecutive && wait.compareTo(MAX_BACKOFF) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    Duration rateLimitWait(Duration retryAfter) {
        if (retryAfter == null) {
            return UNHINTED_RATE_WAIT;
        }
        return retryAfter.compareTo(MIN_RATE_WAIT) < 0 ? MIN_RATE_WAIT : retryAfter;
    }
}
