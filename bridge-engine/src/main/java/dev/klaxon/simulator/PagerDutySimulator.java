package dev.klaxon.simulator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A PagerDuty Events API v2 and REST API of our own, on loopback: the tests' PagerDuty double and the demo's
 * simulated PagerDuty. It is strict where PagerDuty is documented
 * ({@link EventContract}), keeps incident state across calls ({@link IncidentBook}), and can be told to misbehave:
 * scripted {@link Fault faults} for the next N requests, an outage until further notice, and a per-routing-key rate
 * limit over a sliding 60 s of its {@link Clock}.
 *
 * <p>Thread-safe: requests are handled on a pool, so slow responses do not hold up the others; all state sits behind
 * one lock, so the order of {@link #received()} is the order in which events changed that state.
 */
public final class PagerDutySimulator implements AutoCloseable {
    /** The only REST API token the simulator accepts. */
    public static final String API_TOKEN = "double-rest-api-token";
    /** The only user the double knows: a REST write must name it in {@code From}. */
    public static final String USER_EMAIL = "oncall@example.com";
    static final int MAX_BODY_BYTES = 512 * 1024;
    /** Requests kept for {@link #received()}: far more than any test sends, bounded for a long demo. */
    public static final int KEPT_REQUESTS = 100_000;
    static final Duration RATE_WINDOW = Duration.ofSeconds(60);
    private static final String ENQUEUE = "/v2/enqueue";
    private static final String CHANGE_ENQUEUE = "/v2/change/enqueue";

    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ObjectMapper json;
    private final Object lock = new Object();

    // Guarded by lock.
    private final Deque<Fault> scripted = new ArrayDeque<>();
    private Fault outage;
    private Integer perKeyLimit;
    private final Map<String, Deque<Instant>> recentByKey = new HashMap<>();
    /** The newest requests; older ones are dropped past {@link #KEPT_REQUESTS}, so a demo left running stays small. */
    private final Deque<ReceivedRequest> received = new ArrayDeque<>();
    private long requestCount;
    private final Map<String, Integer> acceptedByKey = new LinkedHashMap<>();
    private final IncidentBook incidents = new IncidentBook();
    private final RestApi rest;

    private PagerDutySimulator(Clock clock) throws IOException {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.json = new ObjectMapper()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.rest = new RestApi(json, incidents, clock);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.handlers = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts on a free loopback port; time by the system clock. */
    public static PagerDutySimulator start() {
        return start(Clock.systemUTC());
    }

    /** Starts on a free loopback port; arrival times and the rate-limit window follow {@code clock}. */
    public static PagerDutySimulator start(Clock clock) {
        try {
            return new PagerDutySimulator(clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the PagerDuty double", e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The REST API's base, what config calls {@code api_url}. */
    public URI apiUrl() {
        return baseUrl();
    }

    public URI eventsUrl() {
        return baseUrl().resolve(ENQUEUE);
    }

    public URI changeEventsUrl() {
        return baseUrl().resolve(CHANGE_ENQUEUE);
    }

    // ---- fault injection ----

    /** The next {@code count} requests get {@code fault} (after any already scripted). */
    public PagerDutySimulator failNext(int count, Fault fault) {
        Objects.requireNonNull(fault, "fault");
        synchronized (lock) {
            for (int i = 0; i < count; i++) {
                scripted.addLast(fault);
            }
        }
        return this;
    }

    /** Every request gets {@code fault} until {@link #endOutage()}; scripted faults wait until then. */
    public PagerDutySimulator startOutage(Fault fault) {
        synchronized (lock) {
            outage = Objects.requireNonNull(fault, "fault");
        }
        return this;
    }

    public PagerDutySimulator endOutage() {
        synchronized (lock) {
            outage = null;
        }
        return this;
    }

    /** Drops scripted faults not yet used and ends any outage. */
    public PagerDutySimulator clearFaults() {
        synchronized (lock) {
            scripted.clear();
            outage = null;
        }
        return this;
    }

    /** At most {@code perMinute} accepted events per routing key in any 60 s of the clock; the rest get 429. */
    public PagerDutySimulator limitPerRoutingKey(int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1");
        }
        synchronized (lock) {
            perKeyLimit = perMinute;
        }
        return this;
    }

    public PagerDutySimulator removeRateLimit() {
        synchronized (lock) {
            perKeyLimit = null;
            recentByKey.clear();
        }
        return this;
    }

    // ---- what happened ----

    /** Every request, answered or not, in the order handled. */
    public List<ReceivedRequest> received() {
        synchronized (lock) {
            return List.copyOf(received);
        }
    }

    /** Bodies of accepted alert events (not change events), in the order handled. */
    public List<JsonNode> acceptedEvents() {
        return received().stream().filter(r -> r.accepted() && !r.isChangeEvent()).map(ReceivedRequest::json)
                .collect(Collectors.toList());
    }

    /** Bodies of accepted change events, in the order handled. */
    public List<JsonNode> acceptedChangeEvents() {
        return received().stream().filter(r -> r.accepted() && r.isChangeEvent()).map(ReceivedRequest::json)
                .collect(Collectors.toList());
    }

    /** Accepted events (alert and change) per routing key. */
    public Map<String, Integer> acceptedPerRoutingKey() {
        synchronized (lock) {
            return Map.copyOf(acceptedByKey);
        }
    }

    public int acceptedCount(String routingKey) {
        synchronized (lock) {
            return acceptedByKey.getOrDefault(routingKey, 0);
        }
    }

    /** All incidents ever opened, oldest first. */
    public List<Incident> incidents() {
        synchronized (lock) {
            return incidents.all();
        }
    }

    /**
     * Opens an incident as a trigger event would, without going through HTTP: lets REST tests start with hundreds of
     * incidents cheaply. Returns its REST id.
     */
    public String openIncident(String routingKey, String dedupKey, String summary) {
        synchronized (lock) {
            incidents.trigger(routingKey, dedupKey, summary, "critical", clock.instant());
            return incidents.all().stream().filter(i -> i.isOpen() && i.routingKey().equals(routingKey)
                    && i.dedupKey().equals(dedupKey)).findFirst().orElseThrow().id();
        }
    }

    /** Notes added through REST to one incident, oldest first. */
    public List<String> notes(String incidentId) {
        synchronized (lock) {
            return rest.notes(incidentId);
        }
    }

    /** The escalation level an incident is at (1 until escalated through REST). */
    public int escalationLevel(String incidentId) {
        synchronized (lock) {
            return rest.escalationLevel(incidentId);
        }
    }

    /** Acknowledge/resolve events that found no open alert (PagerDuty drops them with a 202). */
    public int droppedEvents() {
        synchronized (lock) {
            return incidents.dropped();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow(); // interrupts injected delays
        try {
            handlers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- request handling ----

    record Reply(int status, Map<String, String> headers, String body) {
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant arrivedAt = clock.instant();
            byte[] raw = readBody(exchange.getRequestBody());
            Fault fault = nextFault();
            if (fault instanceof Fault.Delay delay) {
                if (!sleep(delay.delay())) {
                    return; // shutting down: the client sees the connection go
                }
                fault = null;
            }
            Reply reply;
            synchronized (lock) {
                if (fault instanceof Fault.Reset) {
                    record(exchange, arrivedAt, raw, null, ReceivedRequest.NO_RESPONSE, "");
                    reply = null;
                } else if (fault instanceof Fault.Respond respond) {
                    reply = new Reply(respond.status(), respond.headers(), respond.body());
                    record(exchange, arrivedAt, raw, parseQuietly(raw), reply.status(), reply.body());
                } else {
                    reply = process(exchange, arrivedAt, raw);
                }
            }
            if (reply == null) {
                // Closing before any response header is sent makes the JDK server drop the connection.
                return;
            }
            send(exchange, reply);
        }
    }

    private Fault nextFault() {
        synchronized (lock) {
            return outage != null ? outage : scripted.pollFirst();
        }
    }

    /** Runs the real Events API behaviour; called with the lock held. */
    private Reply process(HttpExchange exchange, Instant arrivedAt, byte[] raw) {
        String path = exchange.getRequestURI().getPath();
        JsonNode parsed = parseQuietly(raw);
        Reply reply = evaluate(exchange, path, raw, parsed, arrivedAt);
        record(exchange, arrivedAt, raw, parsed, reply.status(), reply.body());
        return reply;
    }

    private Reply evaluate(HttpExchange exchange, String path, byte[] raw, JsonNode parsed, Instant now) {
        if (!path.startsWith("/v2/")) {
            return rest.evaluate(exchange, path, raw, parsed, now);
        }
        boolean change = CHANGE_ENQUEUE.equals(path);
        if (!change && !ENQUEUE.equals(path)) {
            return new Reply(404, Map.of(), errorBody("not found", "Not Found", List.of("No endpoint at " + path)));
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            return invalid(405, "Method " + exchange.getRequestMethod() + " is not allowed; use POST");
        }
        if (!isJsonContentType(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            return invalid(400, "Content-Type must be application/json");
        }
        if (raw.length > MAX_BODY_BYTES) {
            return invalid(400, "Event is too large (" + raw.length + " bytes; maximum is " + MAX_BODY_BYTES
                    + " bytes)");
        }
        if (parsed == null) {
            return invalid(400, "Request body is not valid JSON");
        }
        if (!(parsed instanceof ObjectNode event)) {
            return invalid(400, "Request body must be a JSON object");
        }
        List<String> errors = change ? EventContract.changeErrors(event) : EventContract.alertErrors(event);
        if (!errors.isEmpty()) {
            return new Reply(400, Map.of(), errorBody("invalid event", "Event object is invalid", errors));
        }
        String routingKey = event.get("routing_key").asText();
        if (overLimit(routingKey, now)) {
            return new Reply(429, Map.of(), Fault.THROTTLE_BODY);
        }
        acceptedByKey.merge(routingKey, 1, Integer::sum);
        if (change) {
            return success(null);
        }
        return success(applyAlert(event, routingKey, now));
    }

    private String applyAlert(ObjectNode event, String routingKey, Instant now) {
        String action = event.get("event_action").asText();
        String dedupKey = event.hasNonNull("dedup_key") ? event.get("dedup_key").asText() : UUID.randomUUID().toString();
        switch (action) {
            case "trigger" -> {
                JsonNode payload = event.get("payload");
                incidents.trigger(routingKey, dedupKey, payload.get("summary").asText(),
                        payload.get("severity").asText(), now);
            }
            case "acknowledge" -> incidents.acknowledge(routingKey, dedupKey, now);
            case "resolve" -> incidents.resolve(routingKey, dedupKey, now);
            default -> throw new IllegalStateException("validated action " + action);
        }
        return dedupKey;
    }

    private boolean overLimit(String routingKey, Instant now) {
        if (perKeyLimit == null) {
            return false;
        }
        Deque<Instant> recent = recentByKey.computeIfAbsent(routingKey, k -> new ArrayDeque<>());
        Instant windowStart = now.minus(RATE_WINDOW);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(windowStart)) {
            recent.pollFirst();
        }
        if (recent.size() >= perKeyLimit) {
            return true;
        }
        recent.addLast(now);
        return false;
    }

    private Reply success(String dedupKey) {
        ObjectNode body = json.createObjectNode().put("status", "success").put("message", "Event processed");
        if (dedupKey != null) {
            body.put("dedup_key", dedupKey);
        }
        return new Reply(202, Map.of(), body.toString());
    }

    private Reply invalid(int status, String error) {
        return new Reply(status, Map.of(), errorBody("invalid event", "Event object is invalid", List.of(error)));
    }

    private String errorBody(String status, String message, List<String> errors) {
        ObjectNode body = json.createObjectNode().put("status", status).put("message", message);
        ArrayNode list = body.putArray("errors");
        errors.forEach(list::add);
        return body.toString();
    }

    private void record(HttpExchange exchange, Instant arrivedAt, byte[] raw, JsonNode parsed, int status,
                        String responseBody) {
        received.addLast(new ReceivedRequest(++requestCount, arrivedAt, exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(), exchange.getRequestHeaders(),
                new String(raw, StandardCharsets.UTF_8), parsed, status, responseBody));
        if (received.size() > KEPT_REQUESTS) {
            received.removeFirst();
        }
    }

    private JsonNode parseQuietly(byte[] raw) {
        if (raw.length == 0) {
            return null;
        }
        try {
            return json.readTree(raw);
        } catch (JsonProcessingException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array does no I/O
        }
    }

    private static boolean isJsonContentType(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return mediaType.equalsIgnoreCase("application/json");
    }

    private static byte[] readBody(InputStream in) throws IOException {
        // The whole body is read even when it is too large: the limit is reported, not enforced by hanging up.
        return in.readAllBytes();
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** False if interrupted, which only happens when the double is closing. */
    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "pagerduty-double-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
