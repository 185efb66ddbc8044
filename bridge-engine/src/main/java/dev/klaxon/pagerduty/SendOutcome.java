package dev.klaxon.pagerduty;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What became of one attempt to hand an event to PagerDuty (FACTS.md "Response codes & retry logic"). The three
 * cases map one-to-one to what the sender does next: mark delivered, dead-letter, or back off and retry. No text in
 * an outcome ever contains the routing key.
 */
public sealed interface SendOutcome {

    /**
     * 202: PagerDuty took the event.
     *
     * @param dedupKey the key PagerDuty reports (its own UUID when a trigger had none); null if the body lacked one
     * @param message  PagerDuty's message, e.g. "Event processed"
     */
    record Accepted(String dedupKey, String message) implements SendOutcome {
    }

    /**
     * 400 and every other 4xx except 408 and 429: the event itself is wrong. Resending the same body cannot help, so
     * this is never retried automatically.
     *
     * @param message PagerDuty's message (bounded length)
     * @param errors  PagerDuty's error list, e.g. "Length of 'routing_key' is incorrect (should be 32 characters)"
     */
    record Rejected(int status, String message, List<String> errors) implements SendOutcome {
        public Rejected {
            Objects.requireNonNull(message, "message");
            errors = errors == null ? List.of() : List.copyOf(errors);
        }
    }

    /**
     * 429, 408, 5xx, timeouts and network failures: PagerDuty did not take the event, and trying again later may work.
     *
     * @param status     the HTTP status, or null when no response arrived (timeout, reset, refused)
     * @param reason     what happened, for operators (bounded length)
     * @param retryAfter how long PagerDuty asked us to wait ({@code Retry-After} or {@code ratelimit-reset}); null
     *                   when it gave no hint and the caller's own backoff decides
     */
    record RetryLater(Integer status, String reason, Duration retryAfter) implements SendOutcome {
        public RetryLater {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
