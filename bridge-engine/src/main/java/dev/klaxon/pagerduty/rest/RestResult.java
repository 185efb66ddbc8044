package dev.klaxon.pagerduty.rest;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of one REST call (or one logical operation made of several calls). HTTP and PagerDuty errors are
 * values, never exceptions, so the console's poller and the CLI handle them in one place.
 */
public sealed interface RestResult<T> {

    record Ok<T>(T value) implements RestResult<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * @param httpStatus the HTTP status, or {@link #NO_RESPONSE} when no response arrived or the call was not made
     * @param pdCode     PagerDuty's {@code error.code}, or null when the body had none
     * @param message    a clear message for an operator (never contains the API token)
     * @param errors     PagerDuty's detail list, bounded
     * @param retryAfter for 429: how long PagerDuty asked us to wait; null when it gave no hint or for other errors
     */
    record Failure<T>(int httpStatus, Integer pdCode, String message, List<String> errors, Duration retryAfter)
            implements RestResult<T> {
        public static final int NO_RESPONSE = 0;

        public Failure {
            Objects.requireNonNull(message, "message");
            errors = errors == null ? List.of() : List.copyOf(errors);
        }

        public boolean rateLimited() {
            return httpStatus == 429;
        }

        /** The same failure typed for another result, for operations that stop at their first failed call. */
        <U> Failure<U> retyped() {
            return new Failure<>(httpStatus, pdCode, message, errors, retryAfter);
        }
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    default <U> RestResult<U> map(Function<T, U> mapper) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(mapper.apply(ok.value()));
        }
        return ((Failure<T>) this).retyped();
    }
}
