package dev.klaxon.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST API v2 side of the double (FACTS.md section 3), over the same {@link IncidentBook} the Events side fills.
 * Strict where PagerDuty is documented: exact {@code Authorization} and {@code Accept}, {@code From} of a known user
 * on writes, status enums, page limit 100, offset + limit 10000, at most 250 incidents in a bulk update. Services,
 * escalation policies and on-calls are derived: one service per routing key, one three-level policy per service.
 * Not thread-safe: the double calls it with its lock held.
 */
final class RestApi {
    static final String ACCEPT = "application/vnd.pagerduty+json;version=2";
    static final int RATE_LIMIT = 960;
    static final int POLICY_LEVELS = 3;
    private static final Set<String> STATUSES = Set.of("triggered", "acknowledged", "resolved");
    private static final Pattern INCIDENT = Pattern.compile("/incidents/([^/]+)(/alerts|/notes|/snooze)?");

    private final ObjectMapper json;
    private final IncidentBook book;
    private final Clock clock;
    private final Map<String, Integer> escalationLevels = new HashMap<>();
    private final Map<String, List<String>> notes = new HashMap<>();
    private int requests;

    RestApi(ObjectMapper json, IncidentBook book, Clock clock) {
        this.json = json;
        this.book = book;
        this.clock = clock;
    }

    List<String> notes(String incidentId) {
        return List.copyOf(notes.getOrDefault(incidentId, List.of()));
    }

    int escalationLevel(String incidentId) {
        return escalationLevels.getOrDefault(incidentId, 1);
    }

    /** A failed check: becomes the response. */
    private static final class Refusal extends Exception {
        final int status;
        final int code;

        Refusal(int status, int code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    PagerDutySimulator.Reply evaluate(HttpExchange exchange, String path, byte[] raw, JsonNode body, Instant now) {
        requests++;
        try {
            checkHeaders(exchange);
            String method = exchange.getRequestMethod();
            Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
            return withRateHeaders(route(exchange, method, path, query, raw, body, now));
        } catch (Refusal refusal) {
            return withRateHeaders(error(refusal.status, refusal.code, refusal.getMessage()));
        }
    }

    private PagerDutySimulator.Reply route(HttpExchange exchange, String method, String path,
                                        Map<String, List<String>> query, byte[] raw, JsonNode body, Instant now)
            throws Refusal {
        if (path.equals("/incidents") && method.equals("GET")) {
            return listIncidents(query);
        }
        if (path.equals("/incidents") && method.equals("PUT")) {
            checkFrom(exchange);
            return bulkUpdate(object(raw, body), now);
        }
        if (path.equals("/services") && method.equals("GET")) {
            return page("services", services(), query);
        }
        if (path.equals("/escalation_policies") && method.equals("GET")) {
            return page("escalation_policies", policies(), query);
        }
        if (path.equals("/oncalls") && method.equals("GET")) {
            return page("oncalls", onCalls(), query);
        }
        Matcher matcher = INCIDENT.matcher(path);
        if (matcher.matches()) {
            Incident incident = book.byId(matcher.group(1));
            String sub = matcher.group(2);
            if (sub == null && method.equals("GET")) {
                ObjectNode response = json.createObjectNode();
                response.set("incident", incidentJson(found(incident)));
                return ok(200, response);
            }
            if (sub == null && method.equals("PUT")) {
                checkFrom(exchange);
                return updateOne(found(incident), object(raw, body), now);
            }
            if ("/alerts".equals(sub) && method.equals("GET")) {
                return page("alerts", List.of(alertJson(found(incident))), query);
            }
            if ("/notes".equals(sub) && method.equals("POST")) {
                checkFrom(exchange);
                return addNote(found(incident), object(raw, body), now);
            }
            if ("/snooze".equals(sub) && method.equals("POST")) {
                checkFrom(exchange);
                return snooze(found(incident), object(raw, body), now);
            }
        }
        throw new Refusal(404, 2100, "Not Found");
    }

    // ---- contract checks ----

    private void checkHeaders(HttpExchange exchange) throws Refusal {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Token token=" + PagerDutySimulator.API_TOKEN).equals(authorization)) {
            throw new Refusal(401, 2006, "Authentication failed");
        }
        if (!ACCEPT.equals(exchange.getRequestHeaders().getFirst("Accept"))) {
            throw new Refusal(400, 2001, "Invalid Input Provided: Accept must be " + ACCEPT);
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.split(";")[0].strip().equalsIgnoreCase("application/json")) {
            throw new Refusal(400, 2001, "Invalid Input Provided: Content-Type must be application/json");
        }
    }

    private static void checkFrom(HttpExchange exchange) throws Refusal {
        String from = exchange.getRequestHeaders().getFirst("From");
        if (from == null || from.isBlank()) {
            throw new Refusal(400, 2011, "You must specify a requester_id");
        }
        if (!from.strip().equalsIgnoreCase(PagerDutySimulator.USER_EMAIL)) {
            throw new Refusal(400, 1008, "Requester User Not Found");
        }
    }

    private static ObjectNode object(byte[] raw, JsonNode body) throws Refusal {
        if (!(body instanceof ObjectNode)) {
            throw new Refusal(400, 2001, raw.length == 0 ? "Missing body" : "Body must be a JSON object");
        }
        return (ObjectNode) body;
    }

    private static Incident found(Incident incident) throws Refusal {
        if (incident == null) {
            throw new Refusal(404, 5001, "Incident Not Found");
        }
        return incident;
    }

    // ---- reads ----

    private PagerDutySimulator.Reply listIncidents(Map<String, List<String>> query) throws Refusal {
        List<String> statuses = query.getOrDefault("statuses[]", List.of());
        for (String status : statuses) {
            if (!STATUSES.contains(status)) {
                throw new Refusal(400, 2001, "Invalid Input Provided: statuses[] " + status);
            }
        }
        List<String> serviceIds = query.getOrDefault("service_ids[]", List.of());
        List<JsonNode> matching = new ArrayList<>();
        for (Incident incident : book.all()) {
            if ((statuses.isEmpty() || statuses.contains(wire(incident.status())))
                    && (serviceIds.isEmpty() || serviceIds.contains(serviceId(incident.routingKey())))) {
                matching.add(incidentJson(incident));
            }
        }
        return page("incidents", matching, query);
    }

    private PagerDutySimulator.Reply page(String field, List<JsonNode> all, Map<String, List<String>> query)
            throws Refusal {
        int limit = intParam(query, "limit", 25);
        int offset = intParam(query, "offset", 0);
        if (limit < 1 || limit > 100) {
            throw new Refusal(400, 2001, "Invalid Input Provided: limit must be between 1 and 100");
        }
        if (offset < 0 || offset + limit > 10_000) {
            throw new Refusal(400, 2001, "Invalid Input Provided: offset + limit may not exceed 10000");
        }
        ObjectNode response = json.createObjectNode();
        ArrayNode items = response.putArray(field);
        all.stream().skip(offset).limit(limit).forEach(items::add);
        response.put("limit", limit).put("offset", offset).put("more", offset + limit < all.size())
                .putNull("total");
        return ok(200, response);
    }

    private List<String> routingKeys() {
        return book.all().stream().map(Incident::routingKey).distinct().toList();
    }

    private String serviceId(String routingKey) {
        return "PSVC" + (routingKeys().indexOf(routingKey) + 1);
    }

    private List<JsonNode> services() {
        List<JsonNode> services = new ArrayList<>();
        for (int i = 1; i <= routingKeys().size(); i++) {
            ObjectNode service = json.createObjectNode().put("id", "PSVC" + i).put("type", "service")
                    .put("name", "Service " + i).put("status", "active");
            service.putObject("escalation_policy").put("id", "PEP" + i).put("type", "escalation_policy_reference")
                    .put("summary", "Policy " + i);
            services.add(service);
        }
        return services;
    }

    private List<JsonNode> policies() {
        List<JsonNode> policies = new ArrayList<>();
        for (int i = 1; i <= routingKeys().size(); i++) {
            policies.add(json.createObjectNode().put("id", "PEP" + i).put("type", "escalation_policy")
                    .put("name", "Policy " + i));
        }
        return policies;
    }

    private List<JsonNode> onCalls() {
        List<JsonNode> onCalls = new ArrayList<>();
        for (int i = 1; i <= routingKeys().size(); i++) {
            for (int level = 1; level <= POLICY_LEVELS; level++) {
                ObjectNode onCall = json.createObjectNode().put("escalation_level", level).putNull("start")
                        .putNull("end");
                onCall.set("user", user(level));
                onCall.putObject("escalation_policy").put("id", "PEP" + i)
                        .put("type", "escalation_policy_reference").put("summary", "Policy " + i);
                onCalls.add(onCall);
            }
        }
        return onCalls;
    }

    // ---- writes ----

    private PagerDutySimulator.Reply updateOne(Incident incident, ObjectNode body, Instant now) throws Refusal {
        JsonNode update = body.path("incident");
        String type = update.path("type").asText("");
        if (!type.equals("incident") && !type.equals("incident_reference")) {
            throw new Refusal(400, 2001, "Invalid Input Provided: incident.type");
        }
        Incident changed = incident;
        if (update.has("status")) {
            changed = applyStatus(incident, update.path("status").asText(), true, now);
        }
        if (update.has("escalation_level")) {
            changed = escalate(changed, update.path("escalation_level"), now);
        }
        ObjectNode response = json.createObjectNode();
        response.set("incident", incidentJson(changed));
        return ok(200, response);
    }

    private PagerDutySimulator.Reply bulkUpdate(ObjectNode body, Instant now) throws Refusal {
        JsonNode list = body.path("incidents");
        if (!list.isArray() || list.isEmpty()) {
            throw new Refusal(400, 2003, "Missing Arguments: incidents");
        }
        if (list.size() > 250) {
            throw new Refusal(413, 2001, "Too many incidents: at most 250 per request");
        }
        List<Incident> targets = new ArrayList<>();
        for (JsonNode item : list) {
            String type = item.path("type").asText("");
            if (!type.equals("incident") && !type.equals("incident_reference")) {
                throw new Refusal(400, 2001, "Invalid Input Provided: incidents[].type");
            }
            targets.add(found(book.byId(item.path("id").asText(null))));
            if (item.has("status") && !STATUSES.contains(item.path("status").asText())) {
                throw new Refusal(400, 1003, "Invalid Status Provided");
            }
        }
        ObjectNode response = json.createObjectNode();
        ArrayNode incidents = response.putArray("incidents");
        for (int i = 0; i < targets.size(); i++) {
            JsonNode item = list.get(i);
            Incident changed = item.has("status")
                    // Bulk updates skip incidents already in the wanted state rather than failing the batch.
                    ? applyStatus(targets.get(i), item.path("status").asText(), false, now) : targets.get(i);
            incidents.add(incidentJson(changed));
        }
        response.put("limit", targets.size()).put("offset", 0).put("more", false).putNull("total");
        return ok(200, response);
    }

    private Incident applyStatus(Incident incident, String status, boolean strict, Instant now) throws Refusal {
        if (!STATUSES.contains(status)) {
            throw new Refusal(400, 1003, "Invalid Status Provided");
        }
        Incident.Status wanted = Incident.Status.valueOf(status.toUpperCase(java.util.Locale.ROOT));
        if (incident.status() == Incident.Status.RESOLVED) {
            if (!strict) {
                return incident;
            }
            throw new Refusal(400, 1001, "Incident Already Resolved");
        }
        if (incident.status() == wanted) {
            if (!strict) {
                return incident;
            }
            if (wanted == Incident.Status.ACKNOWLEDGED) {
                throw new Refusal(400, 1002, "Incident Already Acknowledged");
            }
            return incident;
        }
        return book.changeStatus(incident.id(), wanted, now);
    }

    private Incident escalate(Incident incident, JsonNode level, Instant now) throws Refusal {
        if (incident.status() == Incident.Status.RESOLVED) {
            throw new Refusal(400, 1001, "Incident Already Resolved");
        }
        if (!level.canConvertToInt() || level.asInt() < 1 || level.asInt() > POLICY_LEVELS) {
            throw new Refusal(400, 1006, "Cannot Escalate");
        }
        escalationLevels.put(incident.id(), level.asInt());
        // Escalating re-notifies: an acknowledged incident goes back to triggered for the new level.
        return incident.status() == Incident.Status.TRIGGERED ? incident
                : book.changeStatus(incident.id(), Incident.Status.TRIGGERED, now);
    }

    private PagerDutySimulator.Reply snooze(Incident incident, ObjectNode body, Instant now) throws Refusal {
        JsonNode duration = body.path("duration");
        if (!duration.canConvertToInt() || duration.asInt() < 1 || duration.asInt() > 604_800) {
            throw new Refusal(400, 2001, "Invalid Input Provided: duration must be 1 to 604800 seconds");
        }
        if (incident.status() == Incident.Status.RESOLVED) {
            throw new Refusal(400, 1001, "Incident Already Resolved");
        }
        Incident snoozed = incident.status() == Incident.Status.ACKNOWLEDGED ? incident
                : book.changeStatus(incident.id(), Incident.Status.ACKNOWLEDGED, now);
        ObjectNode response = json.createObjectNode();
        response.set("incident", incidentJson(snoozed));
        return ok(200, response);
    }

    private PagerDutySimulator.Reply addNote(Incident incident, ObjectNode body, Instant now) throws Refusal {
        String content = body.path("note").path("content").asText("");
        if (content.isBlank()) {
            throw new Refusal(400, 2003, "Missing Arguments: note.content");
        }
        List<String> list = notes.computeIfAbsent(incident.id(), id -> new ArrayList<>());
        list.add(content);
        ObjectNode response = json.createObjectNode();
        response.putObject("note").put("id", "PNOTE" + incident.number() + "x" + list.size())
                .put("content", content).put("created_at", now.toString());
        return ok(201, response);
    }

    // ---- JSON ----

    private JsonNode incidentJson(Incident incident) {
        String serviceId = serviceId(incident.routingKey());
        String n = serviceId.substring(4);
        ObjectNode node = json.createObjectNode().put("id", incident.id()).put("type", "incident")
                .put("incident_number", incident.number()).put("title", incident.summary())
                .put("summary", "[#" + incident.number() + "] " + incident.summary())
                .put("status", wire(incident.status())).put("urgency", "high")
                .put("incident_key", incident.dedupKey()).put("created_at", incident.openedAt().toString())
                .put("last_status_change_at", incident.lastChangeAt().toString())
                .put("html_url", "https://double.pagerduty.test/incidents/" + incident.id());
        node.putObject("service").put("id", serviceId).put("type", "service_reference").put("summary", "Service " + n);
        node.putObject("escalation_policy").put("id", "PEP" + n).put("type", "escalation_policy_reference")
                .put("summary", "Policy " + n);
        ArrayNode assignments = node.putArray("assignments");
        if (incident.isOpen()) {
            assignments.addObject().set("assignee", user(escalationLevel(incident.id())));
        }
        boolean open = incident.isOpen();
        node.putObject("alert_counts").put("all", 1).put("triggered", open ? 1 : 0).put("resolved", open ? 0 : 1);
        return node;
    }

    private JsonNode alertJson(Incident incident) {
        ObjectNode node = json.createObjectNode().put("id", "PALT" + incident.number()).put("type", "alert")
                .put("status", incident.isOpen() ? "triggered" : "resolved").put("severity", incident.severity())
                .put("alert_key", incident.dedupKey()).put("summary", incident.summary())
                .put("created_at", incident.openedAt().toString()).put("suppressed", false);
        node.putObject("incident").put("id", incident.id()).put("type", "incident_reference");
        return node;
    }

    private ObjectNode user(int level) {
        return json.createObjectNode().put("id", "PUSR" + level).put("type", "user_reference")
                .put("summary", "On-call L" + level);
    }

    private static String wire(Incident.Status status) {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }

    // ---- plumbing ----

    private PagerDutySimulator.Reply ok(int status, JsonNode body) {
        return new PagerDutySimulator.Reply(status, Map.of(), body.toString());
    }

    private PagerDutySimulator.Reply error(int status, int code, String message) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("code", code);
        error.putArray("errors").add(message);
        return new PagerDutySimulator.Reply(status, Map.of(), body.toString());
    }

    /** Every REST answer carries the rate-limit headers; remaining counts down with each request seen. */
    private PagerDutySimulator.Reply withRateHeaders(PagerDutySimulator.Reply reply) {
        Map<String, String> headers = new LinkedHashMap<>(reply.headers());
        headers.put("ratelimit-limit", Integer.toString(RATE_LIMIT));
        headers.put("ratelimit-remaining", Integer.toString(Math.max(0, RATE_LIMIT - requests)));
        headers.put("ratelimit-reset", Long.toString(60 - clock.instant().getEpochSecond() % 60));
        return new PagerDutySimulator.Reply(reply.status(), headers, reply.body());
    }

    private static int intParam(Map<String, List<String>> query, String name, int fallback) throws Refusal {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(values.get(0));
        } catch (NumberFormatException e) {
            throw new Refusal(400, 2001, "Invalid Input Provided: " + name);
        }
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return query;
    }
}
