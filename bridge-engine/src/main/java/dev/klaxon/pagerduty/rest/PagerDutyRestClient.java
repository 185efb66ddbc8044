package dev.klaxon.pagerduty.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.pagerduty.RetryHints;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * PagerDuty REST API v2 (FACTS.md section 3): lists incidents, alerts, services, escalation policies and on-calls,
 * and acts on incidents. Every outcome is a {@link RestResult}; HTTP and PagerDuty errors never throw.
 *
 * <p>Rate limits: a 429 is returned at once as a {@link RestResult.Failure} whose {@code retryAfter} comes from
 * {@code Retry-After} or {@code ratelimit-reset} and whose message says "retry in Ns". The client never retries or
 * sleeps by itself: the console's poller already runs on a schedule and the CLI operator decides, and a client that
 * waited on its own would hide the wait from both. {@link #lastRateLimitRemaining()} lets a poller slow down before
 * it is throttled.
 *
 * <p>Thread-safe. The API token is put into the {@code Authorization} header and nowhere else.
 */
public final class PagerDutyRestClient {
    public static final String ACCEPT = "application/vnd.pagerduty+json;version=2";
    /** PagerDuty's maximum page size. */
    public static final int PAGE_SIZE = 100;
    /** Pages read per listing unless told otherwise: 1,000 items is more than a console can show usefully. */
    public static final int DEFAULT_MAX_PAGES = 10;
    /** PagerDuty refuses bulk updates of more than this many incidents with 413. */
    public static final int BULK_CHUNK = 250;
    /** PagerDuty refuses offset + limit above this with 400. */
    static final int MAX_OFFSET_PLUS_LIMIT = 10_000;
    static final int MAX_TEXT_LENGTH = 500;
    static final int MAX_ERRORS = 20;
    private static final int NO_REMAINING = -1;
    // Configured once and never changed afterwards; Jackson mappers are thread-safe in that state.
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI apiUrl;
    private final ApiToken token;
    private final String fromEmail;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Clock clock;
    private final int maxPages;
    private final AtomicInteger lastRemaining = new AtomicInteger(NO_REMAINING);

    /**
     * @param apiUrl    {@code https://api.pagerduty.com} or the EU {@code https://api.eu.pagerduty.com}
     * @param fromEmail the requester PagerDuty records for writes; null allows reads only (writes then fail clearly)
     * @param clock     measures HTTP-date {@code Retry-After} values
     */
    public PagerDutyRestClient(URI apiUrl, ApiToken token, String fromEmail, HttpClient http, Duration requestTimeout,
                               Clock clock) {
        this(apiUrl, token, fromEmail, http, requestTimeout, clock, DEFAULT_MAX_PAGES);
    }

    /** @param maxPages the most pages one listing reads; beyond it the {@link Listing} is marked truncated */
    public PagerDutyRestClient(URI apiUrl, ApiToken token, String fromEmail, HttpClient http, Duration requestTimeout,
                               Clock clock, int maxPages) {
        Objects.requireNonNull(apiUrl, "apiUrl");
        String scheme = apiUrl.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
            throw new IllegalArgumentException("api_url must be an http(s) URL, was " + apiUrl);
        }
        String base = apiUrl.toString();
        this.apiUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.token = Objects.requireNonNull(token, "token");
        this.fromEmail = fromEmail == null || fromEmail.isBlank() ? null : fromEmail.strip();
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1");
        }
        this.maxPages = maxPages;
    }

    /** PagerDuty's {@code ratelimit-remaining} from the most recent response that carried it. */
    public OptionalInt lastRateLimitRemaining() {
        int remaining = lastRemaining.get();
        return remaining == NO_REMAINING ? OptionalInt.empty() : OptionalInt.of(remaining);
    }

    // ---- reads ----

    /**
     * Incidents, newest PagerDuty default order, filtered by status and service (empty = no filter).
     */
    public RestResult<Listing<IncidentSummary>> listIncidents(Collection<IncidentStatus> statuses,
                                                             Collection<String> serviceIds)
            throws InterruptedException {
        List<Map.Entry<String, String>> query = new ArrayList<>();
        statuses.forEach(status -> query.add(Map.entry("statuses[]", status.wire())));
        serviceIds.forEach(id -> query.add(Map.entry("service_ids[]", id)));
        return list("/incidents", query, "incidents", Parsing::incident);
    }

    public RestResult<Listing<IncidentAlert>> listAlerts(String incidentId) throws InterruptedException {
        return list("/incidents/" + pathSegment(incidentId) + "/alerts", List.of(), "alerts", Parsing::alert);
    }

    public RestResult<Listing<ServiceSummary>> listServices() throws InterruptedException {
        return list("/services", List.of(), "services", Parsing::service);
    }

    public RestResult<Listing<EscalationPolicySummary>> listEscalationPolicies() throws InterruptedException {
        return list("/escalation_policies", List.of(), "escalation_policies", Parsing::escalationPolicy);
    }

    /** One incident, for what a list does not need to be asked for again (its policy and assignees). */
    public RestResult<IncidentSummary> incident(String incidentId) throws InterruptedException {
        return send("GET", "/incidents/" + pathSegment(incidentId), null, false)
                .map(json -> Parsing.incident(json.path("incident")));
    }

    /** Who is on call now: without {@code since}/{@code until} PagerDuty answers for the current moment. */
    public RestResult<Listing<OnCall>> listOnCallsNow() throws InterruptedException {
        return list("/oncalls", List.of(), "oncalls", Parsing::onCall);
    }

    // ---- writes ----

    public RestResult<IncidentSummary> acknowledge(String incidentId) throws InterruptedException {
        return updateIncident(incidentId, reference().put("status", IncidentStatus.ACKNOWLEDGED.wire()));
    }

    /** @param resolution a resolution note PagerDuty stores with the incident; null for none */
    public RestResult<IncidentSummary> resolve(String incidentId, String resolution) throws InterruptedException {
        ObjectNode incident = reference().put("status", IncidentStatus.RESOLVED.wire());
        if (resolution != null && !resolution.isBlank()) {
            incident.put("resolution", resolution);
        }
        return updateIncident(incidentId, incident);
    }

    /** @param level the escalation level to move to (1 is the first level of the policy) */
    public RestResult<IncidentSummary> escalate(String incidentId, int level) throws InterruptedException {
        if (level < 1) {
            throw new IllegalArgumentException("escalation level must be at least 1, was " + level);
        }
        return updateIncident(incidentId, reference().put("escalation_level", level));
    }

    /** @param duration whole seconds, 1 s to 7 days as PagerDuty allows */
    public RestResult<IncidentSummary> snooze(String incidentId, Duration duration) throws InterruptedException {
        long seconds = duration.toSeconds();
        if (seconds < 1 || seconds > Duration.ofDays(7).toSeconds()) {
            throw new IllegalArgumentException("snooze must be between 1 second and 7 days, was " + duration);
        }
        ObjectNode body = JSON.createObjectNode().put("duration", seconds);
        return send("POST", "/incidents/" + pathSegment(incidentId) + "/snooze", body, true)
                .map(json -> Parsing.incident(json.path("incident")));
    }

    public RestResult<IncidentNote> addNote(String incidentId, String content) throws InterruptedException {
        Objects.requireNonNull(content, "content");
        ObjectNode body = JSON.createObjectNode();
        body.putObject("note").put("content", content);
        return send("POST", "/incidents/" + pathSegment(incidentId) + "/notes", body, true)
                .map(json -> Parsing.note(json.path("note")));
    }

    /** Acknowledges many incidents through {@code PUT /incidents}, {@value #BULK_CHUNK} per call. */
    public RestResult<List<IncidentSummary>> bulkAcknowledge(List<String> incidentIds) throws InterruptedException {
        return bulkStatus(incidentIds, IncidentStatus.ACKNOWLEDGED, null);
    }

    /** Resolves many incidents through {@code PUT /incidents}, {@value #BULK_CHUNK} per call. */
    public RestResult<List<IncidentSummary>> bulkResolve(List<String> incidentIds, String resolution)
            throws InterruptedException {
        return bulkStatus(incidentIds, IncidentStatus.RESOLVED, resolution);
    }

    // ---- internals ----

    private RestResult<IncidentSummary> updateIncident(String incidentId, ObjectNode incident)
            throws InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.set("incident", incident);
        return send("PUT", "/incidents/" + pathSegment(incidentId), body, true)
                .map(json -> Parsing.incident(json.path("incident")));
    }

    /**
     * Stops at the first failed chunk: later chunks are not attempted, so the operator sees one clear error and the
     * message says how many incidents were already updated.
     */
    private RestResult<List<IncidentSummary>> bulkStatus(List<String> incidentIds, IncidentStatus status,
                                                         String resolution) throws InterruptedException {
        List<IncidentSummary> updated = new ArrayList<>();
        for (int start = 0; start < incidentIds.size(); start += BULK_CHUNK) {
            List<String> chunk = incidentIds.subList(start, Math.min(incidentIds.size(), start + BULK_CHUNK));
            ObjectNode body = JSON.createObjectNode();
            ArrayNode incidents = body.putArray("incidents");
            for (String id : chunk) {
                ObjectNode incident = incidents.addObject().put("id", id).put("type", "incident_reference")
                        .put("status", status.wire());
                if (resolution != null && !resolution.isBlank()) {
                    incident.put("resolution", resolution);
                }
            }
            RestResult<JsonNode> result = send("PUT", "/incidents", body, true);
            if (result instanceof RestResult.Failure<JsonNode> failure) {
                String message = updated.isEmpty() ? failure.message()
                        : failure.message() + " (after " + updated.size() + " of " + incidentIds.size()
                                + " incidents were updated)";
                return new RestResult.Failure<>(failure.httpStatus(), failure.pdCode(), message, failure.errors(),
                        failure.retryAfter());
            }
            for (JsonNode incident : ((RestResult.Ok<JsonNode>) result).value().path("incidents")) {
                updated.add(Parsing.incident(incident));
            }
        }
        return new RestResult.Ok<>(updated);
    }

    private <T> RestResult<Listing<T>> list(String path, List<Map.Entry<String, String>> filters, String field,
                                            Function<JsonNode, T> parse) throws InterruptedException {
        List<T> items = new ArrayList<>();
        boolean more = false;
        for (int page = 0; page < maxPages; page++) {
            int offset = page * PAGE_SIZE;
            if (offset + PAGE_SIZE > MAX_OFFSET_PLUS_LIMIT) {
                break; // PagerDuty would answer 400; what we have is all classic pagination can give
            }
            List<Map.Entry<String, String>> query = new ArrayList<>(filters);
            query.add(Map.entry("limit", Integer.toString(PAGE_SIZE)));
            query.add(Map.entry("offset", Integer.toString(offset)));
            RestResult<JsonNode> result = send("GET", path + "?" + queryString(query), null, false);
            if (result instanceof RestResult.Failure<JsonNode> failure) {
                return failure.retyped();
            }
            JsonNode body = ((RestResult.Ok<JsonNode>) result).value();
            for (JsonNode item : body.path(field)) {
                items.add(parse.apply(item));
            }
            more = body.path("more").asBoolean(false);
            if (!more || body.path(field).isEmpty()) {
                more = more && !body.path(field).isEmpty();
                break;
            }
        }
        return new RestResult.Ok<>(new Listing<>(items, more));
    }

    private RestResult<JsonNode> send(String method, String pathAndQuery, JsonNode body, boolean write)
            throws InterruptedException {
        if (write && fromEmail == null) {
            return new RestResult.Failure<>(RestResult.Failure.NO_RESPONSE, null,
                    "pagerduty.from_email is not configured; PagerDuty needs it to record who acted", List.of(),
                    null);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl + pathAndQuery))
                .timeout(requestTimeout)
                .header("Authorization", token.authorizationHeader())
                .header("Accept", ACCEPT)
                // The spec marks Content-Type as required on every operation, GET included.
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (write) {
            request.header("From", fromEmail);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return new RestResult.Failure<>(RestResult.Failure.NO_RESPONSE, null,
                    "PagerDuty did not answer within " + requestTimeout.toSeconds() + "s; try again", List.of(), null);
        } catch (IOException e) {
            return new RestResult.Failure<>(RestResult.Failure.NO_RESPONSE, null,
                    "cannot reach PagerDuty at " + apiUrl + " (" + e.getClass().getSimpleName() + "); try again",
                    List.of(), null);
        }
        response.headers().firstValue("ratelimit-remaining").ifPresent(this::rememberRemaining);
        return outcomeOf(response);
    }

    private RestResult<JsonNode> outcomeOf(HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode json = parse(response.body());
        if (status >= 200 && status < 300) {
            if (json == null || !json.isObject()) {
                return new RestResult.Failure<>(status, null, "PagerDuty sent an unreadable response (HTTP " + status
                        + ")", List.of(), null);
            }
            return new RestResult.Ok<>(json);
        }
        JsonNode error = json == null ? null : json.path("error");
        Integer code = error != null && error.path("code").isInt() ? error.path("code").asInt() : null;
        String pdMessage = error == null ? null : bounded(Parsing.text(error, "message"));
        List<String> errors = new ArrayList<>();
        if (error != null) {
            for (JsonNode detail : error.path("errors")) {
                if (errors.size() < MAX_ERRORS) {
                    errors.add(bounded(detail.asText()));
                }
            }
        }
        Duration retryAfter = status == 429 ? RetryHints.from(response.headers(), clock) : null;
        return new RestResult.Failure<>(status, code, ErrorMessages.describe(status, code, pdMessage, retryAfter),
                errors, retryAfter);
    }

    private void rememberRemaining(String value) {
        try {
            lastRemaining.set(Math.max(0, Integer.parseInt(value.strip())));
        } catch (NumberFormatException e) {
            // A malformed header says nothing useful; keep the last good value.
        }
    }

    private static ObjectNode reference() {
        return JSON.createObjectNode().put("type", "incident_reference");
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String bounded(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= MAX_TEXT_LENGTH ? text : text.substring(0, MAX_TEXT_LENGTH) + "…";
    }

    private static String pathSegment(String id) {
        Objects.requireNonNull(id, "incidentId");
        if (id.isBlank()) {
            throw new IllegalArgumentException("incident id is blank");
        }
        // Encoded so an id typed by an operator cannot change the path ("../services").
        return URLEncoder.encode(id.strip(), StandardCharsets.UTF_8).replace("+", "%20").replace(".", "%2E");
    }

    private static String queryString(List<Map.Entry<String, String>> query) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : query) {
            if (text.length() > 0) {
                text.append('&');
            }
            text.append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }
}
