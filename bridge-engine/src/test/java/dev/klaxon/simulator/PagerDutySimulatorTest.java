package dev.klaxon.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagerDutySimulatorTest {
    static final String KEY = "abcdefghijklmnopqrstuvwxyz012345";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final PagerDutySimulator pd = PagerDutySimulator.start(clock);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @AfterEach
    void close() {
        pd.close();
    }

    static ObjectNode trigger(String dedupKey) {
        ObjectNode body = JSON.createObjectNode().put("routing_key", KEY).put("event_action", "trigger");
        if (dedupKey != null) {
            body.put("dedup_key", dedupKey);
        }
        body.putObject("payload").put("summary", "disk full").put("source", "db1").put("severity", "critical");
        return body;
    }

    static ObjectNode action(String action, String dedupKey) {
        return JSON.createObjectNode().put("routing_key", KEY).put("event_action", action).put("dedup_key", dedupKey);
    }

    private HttpResponse<String> post(URI uri, String body) throws Exception {
        return post(uri, "application/json", body, Duration.ofSeconds(30));
    }

    private HttpResponse<String> post(URI uri, String contentType, String body, Duration timeout) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode postEvent(JsonNode body) throws Exception {
        HttpResponse<String> response = post(pd.eventsUrl(), body.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body());
    }

    /** Posts a trigger changed by {@code change} and returns PagerDuty's error list from the 400. */
    private List<String> errorsFor(Consumer<ObjectNode> change) throws Exception {
        ObjectNode body = trigger("k1");
        change.accept(body);
        HttpResponse<String> response = post(pd.eventsUrl(), body.toString());
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("status").asText()).isEqualTo("invalid event");
        assertThat(json.get("message").asText()).isEqualTo("Event object is invalid");
        return JSON.convertValue(json.get("errors"), JSON.getTypeFactory().constructCollectionType(List.class,
                String.class));
    }

    private static ObjectNode payload(ObjectNode body) {
        return (ObjectNode) body.get("payload");
    }

    @Test
    void acceptsAValidTriggerWithPagerDutysBody() throws Exception {
        JsonNode reply = postEvent(trigger("db1/disk"));
        assertThat(reply.get("status").asText()).isEqualTo("success");
        assertThat(reply.get("message").asText()).isEqualTo("Event processed");
        assertThat(reply.get("dedup_key").asText()).isEqualTo("db1/disk");
        assertThat(pd.received()).singleElement().satisfies(r -> {
            assertThat(r.accepted()).isTrue();
            assertThat(r.header("content-type")).isEqualTo("application/json");
            assertThat(r.arrivedAt()).isEqualTo(clock.instant());
            assertThat(r.field("dedup_key")).isEqualTo("db1/disk");
        });
        assertThat(pd.acceptedCount(KEY)).isEqualTo(1);
    }

    @Test
    void generatesADedupKeyForATriggerWithoutOne() throws Exception {
        String dedupKey = postEvent(trigger(null)).get("dedup_key").asText();
        assertThat(dedupKey).matches("[0-9a-f-]{36}");
        assertThat(pd.incidents()).singleElement().extracting(Incident::dedupKey).isEqualTo(dedupKey);
    }

    @Test
    void acceptsAFullyPopulatedTrigger() throws Exception {
        ObjectNode body = trigger("k").put("client", "Klaxon").put("client_url", "https://klaxon.example/x");
        payload(body).put("timestamp", "2026-01-01T00:00:00.000+01:00").put("component", "disk")
                .put("group", "db").put("class", "capacity").putObject("custom_details").put("free", "0%");
        body.putArray("links").addObject().put("href", "https://runbook.example/disk").put("text", "runbook");
        body.putArray("images").addObject().put("src", "https://img.example/g.png").put("href", "https://x.example")
                .put("alt", "graph");
        postEvent(body);
    }

    @Test
    void rejectsEachContractViolationWithAPreciseError() throws Exception {
        assertThat(errorsFor(b -> b.put("routing_key", "short")))
                .containsExactly("Length of 'routing_key' is incorrect (should be 32 characters)");
        assertThat(errorsFor(b -> b.remove("routing_key"))).containsExactly("'routing_key' is missing");
        assertThat(errorsFor(b -> b.put("event_action", "escalate")))
                .containsExactly("'event_action' must be one of trigger, acknowledge, resolve");
        assertThat(errorsFor(b -> b.remove("payload"))).containsExactly("'payload' is missing");
        assertThat(errorsFor(b -> payload(b).remove("summary"))).containsExactly("'payload.summary' is missing");
        assertThat(errorsFor(b -> payload(b).put("summary", "x".repeat(1025))))
                .containsExactly("Length of 'payload.summary' is too long (maximum is 1024 characters)");
        assertThat(errorsFor(b -> payload(b).remove("source"))).containsExactly("'payload.source' is missing");
        assertThat(errorsFor(b -> payload(b).put("severity", "fatal")))
                .containsExactly("'payload.severity' must be one of critical, error, warning, info");
        assertThat(errorsFor(b -> payload(b).remove("severity"))).containsExactly("'payload.severity' is missing");
        assertThat(errorsFor(b -> payload(b).put("timestamp", "yesterday")))
                .containsExactly("'payload.timestamp' is not an ISO-8601 date-time");
        assertThat(errorsFor(b -> payload(b).put("custom_details", "text")))
                .containsExactly("'payload.custom_details' must be an object");
        assertThat(errorsFor(b -> b.put("dedup_key", "k".repeat(256))))
                .containsExactly("Length of 'dedup_key' is too long (maximum is 255 characters)");
        assertThat(errorsFor(b -> b.putArray("images").addObject().put("src", "http://img.example/g.png")))
                .containsExactly("'images[0].src' must be an https URL");
        assertThat(errorsFor(b -> b.putArray("images").addObject().put("alt", "graph")))
                .containsExactly("'images[0].src' is missing");
        assertThat(errorsFor(b -> b.putArray("links").addObject().put("text", "runbook")))
                .containsExactly("'links[0].href' is missing");
        assertThat(errorsFor(b -> b.put("severity", "critical"))).containsExactly("Unknown field 'severity'");
        assertThat(errorsFor(b -> payload(b).put("details", "x"))).containsExactly("Unknown field 'payload.details'");
        assertThat(pd.incidents()).isEmpty();
        assertThat(pd.acceptedPerRoutingKey()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"acknowledge", "resolve"})
    void acknowledgeAndResolveNeedADedupKey(String action) throws Exception {
        assertThat(errorsFor(b -> {
            b.removeAll();
            b.put("routing_key", KEY).put("event_action", action);
        })).containsExactly("'dedup_key' is required for event_action '" + action + "'");
    }

    @Test
    void rejectsWrongMethodContentTypeSizeAndJson() throws Exception {
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(pd.eventsUrl()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.body()).contains("Method GET is not allowed; use POST");

        HttpResponse<String> text = post(pd.eventsUrl(), "text/plain", trigger("k").toString(), Duration.ofSeconds(30));
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(text.body()).contains("Content-Type must be application/json");

        assertThat(post(pd.eventsUrl(), "application/json; charset=utf-8", trigger("k").toString(),
                Duration.ofSeconds(30)).statusCode()).isEqualTo(202);

        ObjectNode huge = trigger("k");
        payload(huge).putObject("custom_details").put("blob", "x".repeat(PagerDutySimulator.MAX_BODY_BYTES));
        HttpResponse<String> tooLarge = post(pd.eventsUrl(), huge.toString());
        assertThat(tooLarge.statusCode()).isEqualTo(400);
        assertThat(tooLarge.body()).contains("Event is too large");

        assertThat(post(pd.eventsUrl(), "{\"routing_key\":").body()).contains("Request body is not valid JSON");
        assertThat(post(pd.eventsUrl(), "[1,2]").body()).contains("Request body must be a JSON object");
        assertThat(post(pd.eventsUrl(), "{\"a\":1,\"a\":2}").body()).contains("Request body is not valid JSON");
        assertThat(post(pd.baseUrl().resolve("/v2/other"), "{}").statusCode()).isEqualTo(404);
        assertThat(pd.received()).extracting(ReceivedRequest::status)
                .containsExactly(405, 400, 202, 400, 400, 400, 400, 404);
    }

    @Test
    void changeEventsFollowTheirOwnContractAndOpenNoIncident() throws Exception {
        ObjectNode change = JSON.createObjectNode().put("routing_key", KEY);
        change.putObject("payload").put("summary", "deployed v42").put("source", "ci")
                .put("timestamp", "2026-01-01T00:00:00Z").putObject("custom_details").put("sha", "abc");
        change.putArray("links").addObject().put("href", "https://ci.example/42");
        HttpResponse<String> ok = post(pd.changeEventsUrl(), change.toString());
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(ok.body()).contains("\"status\":\"success\"");

        ObjectNode bad = change.deepCopy().put("event_action", "trigger");
        ((ObjectNode) bad.get("payload")).put("severity", "info").remove("summary");
        HttpResponse<String> rejected = post(pd.changeEventsUrl(), bad.toString());
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(rejected.body()).get("errors")).extracting(JsonNode::asText).containsExactly(
                "Unknown field 'event_action'", "Unknown field 'payload.severity'", "'payload.summary' is missing");

        assertThat(pd.incidents()).isEmpty();
        assertThat(pd.acceptedChangeEvents()).hasSize(1);
        assertThat(pd.acceptedEvents()).isEmpty();
    }

    @Test
    void keepsIncidentStateAcrossCalls() throws Exception {
        postEvent(action("acknowledge", "k1")); // nothing open: dropped, still 202
        postEvent(trigger("k1"));
        postEvent(trigger("k1"));
        postEvent(action("acknowledge", "k1"));
        assertThat(pd.incidents()).singleElement().satisfies(i -> {
            assertThat(i.status()).isEqualTo(Incident.Status.ACKNOWLEDGED);
            assertThat(i.triggerCount()).isEqualTo(2);
            assertThat(i.eventCount()).isEqualTo(3);
        });
        postEvent(action("resolve", "k1"));
        postEvent(action("resolve", "k1")); // already resolved: dropped
        postEvent(trigger("k1"));
        postEvent(trigger("k1").put("routing_key", "Z".repeat(32))); // other key: its own alert

        List<Incident> incidents = pd.incidents();
        assertThat(incidents).extracting(Incident::status).containsExactly(Incident.Status.RESOLVED,
                Incident.Status.TRIGGERED, Incident.Status.TRIGGERED);
        assertThat(incidents).extracting(Incident::id).doesNotHaveDuplicates();
        assertThat(pd.droppedEvents()).isEqualTo(2);
        assertThat(pd.acceptedPerRoutingKey()).containsEntry(KEY, 7).containsEntry("Z".repeat(32), 1);
        assertThat(pd.received()).extracting(r -> r.field("event_action")).containsExactly("acknowledge",
                "trigger", "trigger", "acknowledge", "resolve", "resolve", "trigger", "trigger");
    }

    @Test
    void scriptedTooManyRequestsWithAndWithoutRetryAfter() throws Exception {
        pd.failNext(1, Fault.tooManyRequests(Duration.ofSeconds(30)))
                .failNext(1, Fault.tooManyRequests())
                .failNext(1, Fault.rateLimitReset(Duration.ofSeconds(7)));
        HttpResponse<String> first = post(pd.eventsUrl(), trigger("k").toString());
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("30");
        HttpResponse<String> second = post(pd.eventsUrl(), trigger("k").toString());
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).isEmpty();
        HttpResponse<String> third = post(pd.eventsUrl(), trigger("k").toString());
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("ratelimit-reset")).hasValue("7");
        assertThat(post(pd.eventsUrl(), trigger("k").toString()).statusCode()).isEqualTo(202);
        assertThat(pd.incidents()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void scriptedServerErrors(int status) throws Exception {
        pd.failNext(2, Fault.serverError(status));
        assertThat(post(pd.eventsUrl(), trigger("k").toString()).statusCode()).isEqualTo(status);
        assertThat(post(pd.eventsUrl(), trigger("k").toString()).statusCode()).isEqualTo(status);
        assertThat(post(pd.eventsUrl(), trigger("k").toString()).statusCode()).isEqualTo(202);
    }

    @Test
    void slowResponseOutlastsTheClientTimeoutThenTheEventIsStillTaken() throws Exception {
        pd.failNext(1, Fault.delay(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> post(pd.eventsUrl(), "application/json", trigger("k").toString(),
                Duration.ofMillis(300))).isInstanceOf(HttpTimeoutException.class);
        // Like PagerDuty behind a slow link: the event may still be ingested after the client gave up.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(pd.incidents()).hasSize(1));
    }

    @Test
    void resetClosesTheConnectionWithoutAResponse() throws Exception {
        pd.failNext(1, Fault.reset());
        assertThatThrownBy(() -> post(pd.eventsUrl(), trigger("k").toString())).isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);
        assertThat(pd.received()).singleElement().extracting(ReceivedRequest::status)
                .isEqualTo(ReceivedRequest.NO_RESPONSE);
        assertThat(pd.incidents()).isEmpty();
        assertThat(post(pd.eventsUrl(), trigger("k").toString()).statusCode()).isEqualTo(202);
    }

    @Test
    void outageLastsUntilEnded() throws Exception {
        pd.startOutage(Fault.serverError(503));
        for (int i = 0; i < 3; i++) {
            assertThat(post(pd.eventsUrl(), trigger("k").toString()).statusCode()).isEqualTo(503);
        }
        pd.startOutage(Fault.reset());
        assertThatThrownBy(() -> post(pd.eventsUrl(), trigger("k").toString())).isInstanceOf(IOException.class);
        pd.endOutage();
        assertThat(post(pd.eventsUrl(), trigger("k").toString()).statusCode()).isEqualTo(202);
        assertThat(pd.incidents()).hasSize(1);
    }

    @Test
    void rateLimitPerRoutingKeyOverASlidingMinute() throws Exception {
        pd.limitPerRoutingKey(2);
        assertThat(post(pd.eventsUrl(), trigger("a").toString()).statusCode()).isEqualTo(202);
        clock.advance(Duration.ofSeconds(30));
        assertThat(post(pd.eventsUrl(), trigger("b").toString()).statusCode()).isEqualTo(202);
        assertThat(post(pd.eventsUrl(), trigger("c").toString()).statusCode()).isEqualTo(429);
        assertThat(post(pd.eventsUrl(), trigger("c").put("routing_key", "Z".repeat(32)).toString()).statusCode())
                .isEqualTo(202);
        clock.advance(Duration.ofSeconds(31)); // the first event left the window, the second has not
        assertThat(post(pd.eventsUrl(), trigger("c").toString()).statusCode()).isEqualTo(202);
        assertThat(post(pd.eventsUrl(), trigger("d").toString()).statusCode()).isEqualTo(429);
        assertThat(pd.acceptedCount(KEY)).isEqualTo(3);
    }

    @Test
    void closedDoubleRefusesConnections() {
        pd.close();
        assertThatThrownBy(() -> post(pd.eventsUrl(), trigger("k").toString())).isInstanceOf(IOException.class);
    }
}
