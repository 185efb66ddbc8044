package dev.klaxon.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.simulator.Fault;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventsApiClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "SECRETkey0123456789abcdefghijklm";
    private static final RoutingKey KEY = RoutingKey.of(SECRET);
    private static final String MASKED = "******** (env PD_ROUTING_KEY_PROD)";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final PagerDutySimulator pd = PagerDutySimulator.start(clock);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final EventsApiClient client = new EventsApiClient(pd.eventsUrl(), http, Duration.ofSeconds(10), clock);
    private final List<SendOutcome> outcomes = new ArrayList<>();

    @AfterEach
    void close() {
        pd.close();
        // Whatever happened, the secret never travels in an outcome.
        assertThat(outcomes).allSatisfy(o -> assertThat(o.toString()).doesNotContain(SECRET));
    }

    private static String trigger(String dedupKey) {
        ObjectNode body = JSON.createObjectNode().put("routing_key", MASKED).put("event_action", "trigger");
        if (dedupKey != null) {
            body.put("dedup_key", dedupKey);
        }
        body.putObject("payload").put("summary", "disk full").put("source", "db1").put("severity", "critical");
        return body.toString();
    }

    private SendOutcome send(String body) throws InterruptedException {
        return send(client, EventKind.ALERT, body);
    }

    private SendOutcome send(EventsApiClient using, EventKind kind, String body) throws InterruptedException {
        SendOutcome outcome = using.send(kind, body, KEY);
        outcomes.add(outcome);
        return outcome;
    }

    @Test
    void acceptedReturnsPagerDutysDedupKeyAndSendsTheRealKey() throws Exception {
        SendOutcome outcome = send(trigger(null));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Accepted.class, accepted -> {
            assertThat(accepted.message()).isEqualTo("Event processed");
            assertThat(accepted.dedupKey()).isEqualTo(pd.incidents().get(0).dedupKey()).isNotBlank();
        });
        assertThat(pd.received()).singleElement().satisfies(r -> {
            assertThat(r.field("routing_key")).isEqualTo(SECRET);
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
        });
    }

    @Test
    void asyncVariantGivesTheSameOutcomes() throws Exception {
        SendOutcome accepted = client.sendAsync(EventKind.ALERT, trigger("k1"), KEY).get(30, TimeUnit.SECONDS);
        pd.failNext(1, Fault.reset());
        SendOutcome reset = client.sendAsync(EventKind.ALERT, trigger("k1"), KEY).get(30, TimeUnit.SECONDS);
        outcomes.addAll(List.of(accepted, reset));

        assertThat(accepted).isEqualTo(new SendOutcome.Accepted("k1", "Event processed"));
        assertThat(reset).isInstanceOfSatisfying(SendOutcome.RetryLater.class,
                r -> assertThat(r.status()).isNull());
    }

    @Test
    void changeEventsGoToTheDerivedEndpoint() throws Exception {
        ObjectNode change = JSON.createObjectNode().put("routing_key", MASKED);
        change.putObject("payload").put("summary", "deployed v42").put("source", "ci");

        assertThat(send(client, EventKind.CHANGE, change.toString())).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(pd.acceptedChangeEvents()).hasSize(1);
        assertThat(pd.incidents()).isEmpty();
    }

    @Test
    void changeEventsUrlIsDerivedSoTheRegionIsConfigAlone() {
        assertThat(EventsApiClient.changeEventsUrlFor(URI.create("https://events.eu.pagerduty.com/v2/enqueue")))
                .isEqualTo(URI.create("https://events.eu.pagerduty.com/v2/change/enqueue"));
        assertThat(client.changeEventsUrl()).isEqualTo(pd.changeEventsUrl());
        assertThatThrownBy(() -> EventsApiClient.changeEventsUrlFor(URI.create("https://events.pagerduty.com/v2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must end with /enqueue");
        assertThatThrownBy(() -> EventsApiClient.changeEventsUrlFor(URI.create("ftp://x/v2/enqueue")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidEventIsRejectedWithPagerDutysText() throws Exception {
        SendOutcome outcome = client.send(EventKind.ALERT, trigger("k"), RoutingKey.of("too-short"));
        outcomes.add(outcome);

        assertThat(outcome).isEqualTo(new SendOutcome.Rejected(400, "Event object is invalid",
                List.of("Length of 'routing_key' is incorrect (should be 32 characters)")));
    }

    @Test
    void otherClientErrorsAreRejectedButTimeoutAndThrottleAreNot() throws Exception {
        pd.failNext(1, Fault.respond(403, Map.of(), "<html>Forbidden</html>"))
                .failNext(1, Fault.respond(408, Map.of(), ""));

        assertThat(send(trigger("k"))).isEqualTo(new SendOutcome.Rejected(403, "<html>Forbidden</html>", List.of()));
        assertThat(send(trigger("k"))).isEqualTo(new SendOutcome.RetryLater(408, "HTTP 408: Request Timeout", null));
    }

    @Test
    void tooManyRequestsWithRetryAfterSeconds() throws Exception {
        pd.failNext(1, Fault.tooManyRequests(Duration.ofSeconds(30)));

        assertThat(send(trigger("k"))).isInstanceOfSatisfying(SendOutcome.RetryLater.class, r -> {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(30));
            assertThat(r.reason()).startsWith("HTTP 429: Requests for this service are arriving too quickly");
        });
    }

    @Test
    void tooManyRequestsWithRetryAfterDateIsMeasuredByTheClock() throws Exception {
        pd.failNext(1, Fault.tooManyRequestsUntil(clock.instant().plusSeconds(90)));

        assertThat(send(trigger("k"))).isInstanceOfSatisfying(SendOutcome.RetryLater.class,
                r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(90)));
    }

    @Test
    void tooManyRequestsWithoutAnyHintLeavesTheWaitToTheCaller() throws Exception {
        pd.failNext(1, Fault.tooManyRequests());

        assertThat(send(trigger("k"))).isInstanceOfSatisfying(SendOutcome.RetryLater.class, r -> {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.retryAfter()).isNull();
        });
    }

    @Test
    void rateLimitResetHeaderIsHonoured() throws Exception {
        pd.failNext(1, Fault.rateLimitReset(Duration.ofSeconds(7)));

        assertThat(send(trigger("k"))).isEqualTo(
                new SendOutcome.RetryLater(429, "HTTP 429: Rate Limit Exceeded", Duration.ofSeconds(7)));
    }

    @Test
    void doubleRateLimitShowsUpAsRetryLater() throws Exception {
        pd.limitPerRoutingKey(1);

        assertThat(send(trigger("a"))).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(send(trigger("b"))).isInstanceOfSatisfying(SendOutcome.RetryLater.class,
                r -> assertThat(r.status()).isEqualTo(429));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void serverErrorsAreRetryLaterWithPagerDutysText(int status) throws Exception {
        pd.failNext(1, Fault.serverError(status));

        assertThat(send(trigger("k"))).isEqualTo(new SendOutcome.RetryLater(status,
                "HTTP " + status + ": Server error " + status + " (Injected by the PagerDuty double)", null));
        assertThat(send(trigger("k"))).isInstanceOf(SendOutcome.Accepted.class);
    }

    @Test
    void slowResponseBeyondTheTimeoutIsRetryLater() throws Exception {
        EventsApiClient impatient = new EventsApiClient(pd.eventsUrl(), http, Duration.ofMillis(300), clock);
        pd.failNext(1, Fault.delay(Duration.ofSeconds(5)));

        assertThat(send(impatient, EventKind.ALERT, trigger("k")))
                .isEqualTo(new SendOutcome.RetryLater(null, "no response from PagerDuty within 300 ms", null));
    }

    @Test
    void connectionResetIsRetryLater() throws Exception {
        pd.failNext(1, Fault.reset());

        assertThat(send(trigger("k"))).isInstanceOfSatisfying(SendOutcome.RetryLater.class, r -> {
            assertThat(r.status()).isNull();
            assertThat(r.reason()).startsWith("connection to PagerDuty failed (");
            assertThat(r.retryAfter()).isNull();
        });
    }

    @Test
    void connectionRefusedIsRetryLater() throws Exception {
        pd.close();

        assertThat(send(trigger("k"))).isInstanceOfSatisfying(SendOutcome.RetryLater.class, r -> {
            assertThat(r.status()).isNull();
            assertThat(r.reason()).startsWith("could not connect to PagerDuty (ConnectException");
        });
    }

    @Test
    void routingKeyEchoedByAnyResponseIsMaskedAndPagerDutyTextIsBounded() throws Exception {
        pd.failNext(1, Fault.respond(400, Map.of(), "{\"message\":\"bad key " + SECRET + "\",\"errors\":[\""
                        + SECRET + "\"]}"))
                .failNext(1, Fault.respond(502, Map.of(), "proxy says " + SECRET + " " + "x".repeat(5000)));

        SendOutcome rejected = send(trigger("k"));
        SendOutcome retry = send(trigger("k"));

        assertThat(rejected).isEqualTo(new SendOutcome.Rejected(400, "bad key ********", List.of("********")));
        assertThat(((SendOutcome.RetryLater) retry).reason()).startsWith("HTTP 502: proxy says ******** xxx")
                .hasSizeLessThanOrEqualTo(EventsApiClient.MAX_TEXT_LENGTH + "HTTP 502: ".length());
    }

    @Test
    void withRoutingKeyReplacesOnlyTheKeyAndKeepsFieldOrder() {
        String sent = EventsApiClient.withRoutingKey(trigger("k"), KEY);

        assertThat(sent).startsWith("{\"routing_key\":\"" + SECRET + "\",\"event_action\":\"trigger\"")
                .isEqualTo(trigger("k").replace(MASKED, SECRET));
        assertThatThrownBy(() -> EventsApiClient.withRoutingKey("[\"" + SECRET + "\"]", KEY))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain(SECRET);
        assertThatThrownBy(() -> EventsApiClient.withRoutingKey("{\"routing_key\":\"" + SECRET, KEY))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain(SECRET);
        assertThat(KEY.toString()).doesNotContain(SECRET);
    }
}
