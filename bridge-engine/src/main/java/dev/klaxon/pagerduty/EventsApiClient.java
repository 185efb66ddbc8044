package dev.klaxon.pagerduty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Hands one event at a time to the PagerDuty Events API v2 and says what became of it (FACTS.md sections 1 and 2).
 * It makes exactly one attempt: retries, backoff, budgets and ordering belong to the sender, which acts on the
 * {@link SendOutcome}.
 *
 * <p>Two ways to call it, same outcomes: {@link #send} blocks the calling thread (the sender runs it on its own
 * executor), {@link #sendAsync} returns at once and never completes exceptionally for anything PagerDuty or the
 * network does. Bodies come in with the routing key masked, as {@code EventBodyRenderer} builds them; the real key
 * is put in here, just before the request is built, and the resulting body is never logged, stored or returned.
 *
 * <p>Thread-safe; one instance serves all routing keys.
 */
public final class EventsApiClient {
    /** Longest PagerDuty text kept in an outcome: enough for any real message, bounded against a hostile body. */
    static final int MAX_TEXT_LENGTH = 1_000;
    static final int MAX_ERRORS = 20;
    private static final String ENQUEUE = "/enqueue";
    private static final String CHANGE_ENQUEUE = "/change/enqueue";
    // Configured once here and never changed afterwards; Jackson mappers are thread-safe in that state.
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI eventsUrl;
    private final URI changeEventsUrl;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Clock clock;

    /**
     * @param eventsUrl      the alert-events endpoint, e.g. {@code https://events.eu.pagerduty.com/v2/enqueue}; the
     *                       change-events endpoint is derived from it, so a region is chosen by this URL alone
     * @param http           shared client (its connect timeout and executor are the caller's choice)
     * @param requestTimeout how long to wait for PagerDuty's response before calling it a retryable timeout
     * @param clock          measures HTTP-date {@code Retry-After} values
     */
    public EventsApiClient(URI eventsUrl, HttpClient http, Duration requestTimeout, Clock clock) {
        this.eventsUrl = Objects.requireNonNull(eventsUrl, "eventsUrl");
        this.changeEventsUrl = changeEventsUrlFor(eventsUrl);
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code …/v2/enqueue} becomes {@code …/v2/change/enqueue}, keeping scheme, host and port. */
    public static URI changeEventsUrlFor(URI eventsUrl) {
        Objects.requireNonNull(eventsUrl, "eventsUrl");
        String scheme = eventsUrl.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
            throw new IllegalArgumentException("events_url must be an http(s) URL, was " + eventsUrl);
        }
        String url = eventsUrl.toString();
        if (eventsUrl.getRawQuery() != null || eventsUrl.getRawFragment() != null || !url.endsWith(ENQUEUE)) {
            throw new IllegalArgumentException("events_url must end with " + ENQUEUE + ", was " + eventsUrl);
        }
        return URI.create(url.substring(0, url.length() - ENQUEUE.length()) + CHANGE_ENQUEUE);
    }

    public URI eventsUrl() {
        return eventsUrl;
    }

    public URI changeEventsUrl() {
        return changeEventsUrl;
    }

    /**
     * Sends one event and waits for the outcome.
     *
     * @param maskedBodyJson the event body with a masked {@code routing_key}
     * @throws InterruptedException     if the calling thread is interrupted while waiting (the sender is stopping; the
     *                                  event stays pending and a resend is harmless thanks to its dedup_key)
     * @throws IllegalArgumentException if the body is not a JSON object (a bug upstream, not PagerDuty's business)
     */
    public SendOutcome send(EventKind kind, String maskedBodyJson, RoutingKey routingKey) throws InterruptedException {
        HttpRequest request = request(kind, maskedBodyJson, routingKey);
        try {
            return outcomeOf(http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)),
                    routingKey);
        } catch (IOException e) {
            return outcomeOf(e, routingKey);
        }
    }

    /**
     * Sends one event without blocking. The future completes normally with every outcome, failures included; it
     * completes exceptionally only for bugs (never for what PagerDuty or the network do).
     *
     * @throws IllegalArgumentException at once if the body is not a JSON object
     */
    public CompletableFuture<SendOutcome> sendAsync(EventKind kind, String maskedBodyJson, RoutingKey routingKey) {
        HttpRequest request = request(kind, maskedBodyJson, routingKey);
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    if (failure == null) {
                        return outcomeOf(response, routingKey);
                    }
                    Throwable cause = unwrap(failure);
                    if (cause instanceof IOException io) {
                        return outcomeOf(io, routingKey);
                    }
                    throw new CompletionException(cause);
                });
    }

    /**
     * The body exactly as sent: {@code maskedBodyJson} with its {@code routing_key} replaced by the real key. This is
     * the only place the secret meets a body. The result must go straight into a request: never log, store or
     * include it in an exception.
     *
     * @throws IllegalArgumentException if the body is not a JSON object; the message never quotes the body
     */
    public static String withRoutingKey(String maskedBodyJson, RoutingKey routingKey) {
        Objects.requireNonNull(maskedBodyJson, "maskedBodyJson");
        Objects.requireNonNull(routingKey, "routingKey");
        JsonNode tree;
        try {
            tree = JSON.readTree(maskedBodyJson);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input; say only where it broke.
            throw new IllegalArgumentException("event body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (!(tree instanceof ObjectNode body)) {
            throw new IllegalArgumentException("event body is not a JSON object");
        }
        // put() on an existing field keeps its position, so the body differs from the audited one only in the key.
        body.put("routing_key", routingKey.reveal());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an event body", e); // a tree just parsed always writes
        }
    }

    private HttpRequest request(EventKind kind, String maskedBodyJson, RoutingKey routingKey) {
        Objects.requireNonNull(kind, "kind");
        String body = withRoutingKey(maskedBodyJson, routingKey);
        return HttpRequest.newBuilder(kind == EventKind.CHANGE ? changeEventsUrl : eventsUrl)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private SendOutcome outcomeOf(HttpResponse<String> response, RoutingKey routingKey) {
        int status = response.statusCode();
        PagerDutyText text = PagerDutyText.parse(response.body(), routingKey);
        if (status >= 200 && status < 300) {
            // PagerDuty only documents 202; any 2xx means the event was taken, and resending it would not help.
            return new SendOutcome.Accepted(text.dedupKey(), text.messageOr("accepted"));
        }
        if (status == 408 || status == 429 || status >= 500) {
            String reason = "HTTP " + status + ": " + text.messageOr(defaultReason(status));
            if (!text.errors().isEmpty()) {
                reason = bounded(reason + " (" + String.join("; ", text.errors()) + ")");
            }
            return new SendOutcome.RetryLater(status, reason, RetryHints.from(response.headers(), clock));
        }
        // 400, the other 4xx, and anything unexpected (1xx, 3xx: redirects are not followed, a moved endpoint
        // needs an operator): resending the same body cannot succeed.
        return new SendOutcome.Rejected(status, text.messageOr("HTTP " + status), text.errors());
    }

    private SendOutcome outcomeOf(IOException failure, RoutingKey routingKey) {
        String reason;
        if (failure instanceof HttpConnectTimeoutException) {
            reason = "could not connect to PagerDuty in time";
        } else if (failure instanceof HttpTimeoutException) {
            reason = "no response from PagerDuty within " + requestTimeout.toMillis() + " ms";
        } else if (failure instanceof ConnectException) {
            reason = "could not connect to PagerDuty (" + describe(failure) + ")";
        } else {
            reason = "connection to PagerDuty failed (" + describe(failure) + ")";
        }
        return new SendOutcome.RetryLater(null, bounded(redact(reason, routingKey)), null);
    }

    private static String defaultReason(int status) {
        return switch (status) {
            case 408 -> "Request Timeout";
            case 429 -> "Too Many Requests";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "server error";
        };
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String bounded(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_TEXT_LENGTH ? oneLine : oneLine.substring(0, MAX_TEXT_LENGTH - 1) + "…";
    }

    /** PagerDuty has no reason to echo the key, but if anything ever does, it must not travel further. */
    static String redact(String text, RoutingKey routingKey) {
        return text == null ? null : text.replace(routingKey.reveal(), RoutingKey.MASK);
    }

    /** The parts of a response body an outcome keeps, already bounded and redacted. */
    private record PagerDutyText(String message, List<String> errors, String dedupKey) {

        String messageOr(String fallback) {
            return message == null ? fallback : message;
        }

        /**
         * Events API bodies are {@code {status, message, errors[], dedup_key}}; REST-style errors nest them under
         * {@code error}; proxies in between may send HTML or nothing. All three are handled.
         */
        static PagerDutyText parse(String body, RoutingKey routingKey) {
            if (body == null || body.isBlank()) {
                return new PagerDutyText(null, List.of(), null);
            }
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                json = null;
            }
            if (json == null || !json.isObject()) {
                return new PagerDutyText(clean(body, routingKey), List.of(), null);
            }
            JsonNode source = json.path("error").isObject() ? json.get("error") : json;
            List<String> errors = new ArrayList<>();
            JsonNode list = source.path("errors");
            for (int i = 0; i < list.size() && errors.size() < MAX_ERRORS; i++) {
                JsonNode item = list.get(i);
                errors.add(clean(item.isTextual() ? item.asText() : item.toString(), routingKey));
            }
            if (list.size() > MAX_ERRORS) {
                errors.add("… and " + (list.size() - MAX_ERRORS) + " more");
            }
            JsonNode dedup = json.path("dedup_key");
            return new PagerDutyText(clean(textOf(source.path("message")), routingKey), errors,
                    dedup.isTextual() ? redact(dedup.asText(), routingKey) : null);
        }

        private static String textOf(JsonNode node) {
            return node.isValueNode() && !node.isNull() ? node.asText() : null;
        }

        private static String clean(String text, RoutingKey routingKey) {
            return text == null || text.isBlank() ? null : bounded(redact(text, routingKey));
        }
    }
}
