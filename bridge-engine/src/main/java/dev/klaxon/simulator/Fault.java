package dev.klaxon.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something going wrong between us and PagerDuty, injected into the {@link PagerDutySimulator} for one request (or, as an
 * outage, for every request until it ends). A fault takes the place of the normal handling, except {@link Delay},
 * which only makes the normal response late.
 */
public sealed interface Fault {

    /** PagerDuty's throttling body; the Events API sends it with 429. */
    String THROTTLE_BODY = "{\"status\":\"throttle event\",\"message\":\"Requests for this service are arriving too "
            + "quickly.  Please retry later.\"}";

    /** A canned response instead of the real handling. */
    record Respond(int status, Map<String, String> headers, String body) implements Fault {
        public Respond {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }
    }

    /** The normal response, but only after {@code delay}: lets a client's request timeout fire. */
    record Delay(Duration delay) implements Fault {
        public Delay {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /**
     * The connection is closed after the request has been read, without a single byte of response. The JDK server
     * gives no access to its socket, so this is an abrupt close rather than a guaranteed TCP RST; to the client it is
     * the same thing: an {@code IOException} and no status.
     */
    record Reset() implements Fault {
    }

    /** 429 without any hint of when to retry. */
    static Fault tooManyRequests() {
        return new Respond(429, Map.of(), THROTTLE_BODY);
    }

    /** 429 with {@code Retry-After} in whole seconds. */
    static Fault tooManyRequests(Duration retryAfter) {
        return new Respond(429, Map.of("Retry-After", Long.toString(retryAfter.toSeconds())), THROTTLE_BODY);
    }

    /** 429 with {@code Retry-After} as an HTTP-date. */
    static Fault tooManyRequestsUntil(Instant retryAt) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(retryAt.atOffset(ZoneOffset.UTC));
        return new Respond(429, Map.of("Retry-After", date), THROTTLE_BODY);
    }

    /** 429 the way the REST API throttles: {@code ratelimit-*} headers, no Retry-After. */
    static Fault rateLimitReset(Duration reset) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ratelimit-limit", "120");
        headers.put("ratelimit-remaining", "0");
        headers.put("ratelimit-reset", Long.toString(reset.toSeconds()));
        return new Respond(429, headers, "{\"error\":{\"message\":\"Rate Limit Exceeded\",\"code\":2020}}");
    }

    /** A 5xx with the Events API's error body. */
    static Fault serverError(int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("not a server error: " + status);
        }
        return new Respond(status, Map.of(), "{\"status\":\"error\",\"message\":\"Server error " + status
                + "\",\"errors\":[\"Injected by the PagerDuty double\"]}");
    }

    static Fault delay(Duration delay) {
        return new Delay(delay);
    }

    static Fault reset() {
        return new Reset();
    }

    /** Any response at all: proxies' HTML pages, odd statuses, bodies that echo things back. */
    static Fault respond(int status, Map<String, String> headers, String body) {
        return new Respond(status, headers, body);
    }
}
