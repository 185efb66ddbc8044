package dev.klaxon.pagerduty.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.simulator.Fault;
import dev.klaxon.simulator.Incident;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.simulator.ReceivedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PagerDutyRestClientTest {
    private static final String KEY_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String KEY_B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);
    private final PagerDutySimulator pd = PagerDutySimulator.start(clock);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        pd.close();
    }

    private PagerDutyRestClient client() {
        return client(PagerDutySimulator.USER_EMAIL, PagerDutyRestClient.DEFAULT_MAX_PAGES);
    }

    private PagerDutyRestClient client(String from, int maxPages) {
        return new PagerDutyRestClient(pd.apiUrl(), ApiToken.of(PagerDutySimulator.API_TOKEN), from, http,
                Duration.ofSeconds(5), clock, maxPages);
    }

    private static <T> T ok(RestResult<T> result) {
        assertThat(result).isInstanceOf(RestResult.Ok.class);
        return ((RestResult.Ok<T>) result).value();
    }

    private static <T> RestResult.Failure<T> failure(RestResult<T> result) {
        assertThat(result).isInstanceOf(RestResult.Failure.class);
        return (RestResult.Failure<T>) result;
    }

    private List<ReceivedRequest> requests(String method, String path) {
        return pd.received().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    private List<String> openMany(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(pd.openIncident(KEY_A, "dedup-" + i, "disk full " + i));
        }
        return ids;
    }

    private void triggerOverEventsApi(String dedupKey) throws Exception {
        String body = """
                {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
                 "payload":{"summary":"db down","source":"db1","severity":"critical"}}""".formatted(KEY_B, dedupKey);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(pd.eventsUrl())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void listsIncidentsThatTheEventsApiOpenedWithTheirFields() throws Exception {
        triggerOverEventsApi("db/primary");

        Listing<IncidentSummary> listing = ok(client().listIncidents(Set.of(IncidentStatus.TRIGGERED), List.of()));

        assertThat(listing.truncated()).isFalse();
        assertThat(listing.items()).singleElement().satisfies(incident -> {
            assertThat(incident.id()).isEqualTo(pd.incidents().get(0).id());
            assertThat(incident.number()).isEqualTo(1);
            assertThat(incident.title()).isEqualTo("db down");
            assertThat(incident.status()).isEqualTo("triggered");
            assertThat(incident.urgency()).isEqualTo("high");
            assertThat(incident.serviceId()).isEqualTo("PSVC1");
            assertThat(incident.serviceName()).isEqualTo("Service 1");
            assertThat(incident.incidentKey()).isEqualTo("db/primary");
            assertThat(incident.createdAt()).isEqualTo(clock.instant());
            assertThat(incident.htmlUrl()).contains(incident.id());
            assertThat(incident.assignees()).containsExactly("On-call L1");
            assertThat(incident.alertCounts()).isEqualTo(new IncidentSummary.AlertCounts(1, 1, 0));
        });
    }

    @Test
    void readsSendTheDocumentedHeadersAndNoFrom() throws Exception {
        ok(client().listIncidents(List.of(), List.of()));

        ReceivedRequest request = requests("GET", "/incidents").get(0);
        assertThat(request.header("Authorization")).isEqualTo("Token token=" + PagerDutySimulator.API_TOKEN);
        assertThat(request.header("Accept")).isEqualTo("application/vnd.pagerduty+json;version=2");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("From")).isNull();
    }

    @Test
    void filtersByStatusAndService() throws Exception {
        List<String> ids = openMany(3);
        triggerOverEventsApi("other-service");
        ok(client().acknowledge(ids.get(1)));
        ok(client().resolve(ids.get(2), null));

        assertThat(ok(client().listIncidents(Set.of(IncidentStatus.ACKNOWLEDGED), List.of())).items())
                .extracting(IncidentSummary::id).containsExactly(ids.get(1));
        assertThat(ok(client().listIncidents(List.of(IncidentStatus.TRIGGERED, IncidentStatus.ACKNOWLEDGED),
                List.of("PSVC1"))).items()).extracting(IncidentSummary::id).containsExactly(ids.get(0), ids.get(1));
        assertThat(ok(client().listIncidents(List.of(), List.of("PSVC2"))).items())
                .extracting(IncidentSummary::incidentKey).containsExactly("other-service");
    }

    @Test
    void pagesThroughAllIncidentsOneHundredAtATime() throws Exception {
        List<String> ids = openMany(250);

        Listing<IncidentSummary> listing = ok(client().listIncidents(List.of(), List.of()));

        assertThat(listing.truncated()).isFalse();
        assertThat(listing.items()).extracting(IncidentSummary::id).containsExactlyElementsOf(ids);
        assertThat(requests("GET", "/incidents")).hasSize(3).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    }

    @Test
    void stopsAtThePageCapAndSaysTheListingIsTruncated() throws Exception {
        openMany(1_050);

        Listing<IncidentSummary> capped = ok(client().listIncidents(List.of(), List.of()));
        assertThat(capped.items()).hasSize(1_000);
        assertThat(capped.truncated()).isTrue();
        assertThat(requests("GET", "/incidents")).hasSize(PagerDutyRestClient.DEFAULT_MAX_PAGES);

        Listing<IncidentSummary> smallCap = ok(client(PagerDutySimulator.USER_EMAIL, 2).listIncidents(List.of(),
                List.of()));
        assertThat(smallCap.items()).hasSize(200);
        assertThat(smallCap.truncated()).isTrue();
    }

    @Test
    void listsAlertsServicesPoliciesAndOnCalls() throws Exception {
        String id = pd.openIncident(KEY_A, "web/5xx", "5xx rate high");
        triggerOverEventsApi("db");
        PagerDutyRestClient client = client();

        assertThat(ok(client.listAlerts(id)).items()).singleElement().satisfies(alert -> {
            assertThat(alert.alertKey()).isEqualTo("web/5xx");
            assertThat(alert.status()).isEqualTo("triggered");
            assertThat(alert.severity()).isEqualTo("critical");
            assertThat(alert.summary()).isEqualTo("5xx rate high");
        });
        assertThat(ok(client.listServices()).items()).containsExactly(
                new ServiceSummary("PSVC1", "Service 1", "active", "PEP1"),
                new ServiceSummary("PSVC2", "Service 2", "active", "PEP2"));
        assertThat(ok(client.listEscalationPolicies()).items()).containsExactly(
                new EscalationPolicySummary("PEP1", "Policy 1"), new EscalationPolicySummary("PEP2", "Policy 2"));
        assertThat(ok(client.listOnCallsNow()).items()).hasSize(6).first().isEqualTo(
                new OnCall("PUSR1", "On-call L1", "PEP1", "Policy 1", 1, null, null));
    }

    @Test
    void acknowledgesResolvesEscalatesSnoozesAndAddsNotes() throws Exception {
        List<String> ids = openMany(3);
        PagerDutyRestClient client = client();

        assertThat(ok(client.acknowledge(ids.get(0))).status()).isEqualTo("acknowledged");
        assertThat(ok(client.resolve(ids.get(0), "rebooted")).status()).isEqualTo("resolved");
        assertThat(requests("PUT", "/incidents/" + ids.get(0)).get(1).json().at("/incident/resolution").asText())
                .isEqualTo("rebooted");
        assertThat(ok(client.escalate(ids.get(1), 2)).assignees()).containsExactly("On-call L2");
        assertThat(pd.escalationLevel(ids.get(1))).isEqualTo(2);
        assertThat(ok(client.snooze(ids.get(2), Duration.ofHours(1))).status()).isEqualTo("acknowledged");
        assertThat(requests("POST", "/incidents/" + ids.get(2) + "/snooze").get(0).json().get("duration").asInt())
                .isEqualTo(3600);
        IncidentNote note = ok(client.addNote(ids.get(2), "looking into it"));
        assertThat(note.content()).isEqualTo("looking into it");
        assertThat(note.id()).isNotBlank();
        assertThat(pd.notes(ids.get(2))).containsExactly("looking into it");

        assertThat(pd.incidents()).extracting(Incident::status).containsExactly(Incident.Status.RESOLVED,
                Incident.Status.TRIGGERED, Incident.Status.ACKNOWLEDGED);
        assertThat(pd.received()).filteredOn(r -> !r.method().equals("GET"))
                .allSatisfy(r -> assertThat(r.header("From")).isEqualTo(PagerDutySimulator.USER_EMAIL));
    }

    @Test
    void resolvingThroughRestClosesTheAlertSoTheNextTriggerOpensANewIncident() throws Exception {
        triggerOverEventsApi("db");
        ok(client().resolve(pd.incidents().get(0).id(), null));

        triggerOverEventsApi("db");

        assertThat(pd.incidents()).extracting(Incident::status).containsExactly(Incident.Status.RESOLVED,
                Incident.Status.TRIGGERED);
    }

    @Test
    void bulkUpdatesGoInChunksOfAtMost250() throws Exception {
        List<String> ids = openMany(600);

        List<IncidentSummary> resolved = ok(client().bulkResolve(ids, "mass cleanup"));

        assertThat(resolved).hasSize(600).allSatisfy(i -> assertThat(i.status()).isEqualTo("resolved"));
        assertThat(requests("PUT", "/incidents")).extracting(r -> r.json().get("incidents").size())
                .containsExactly(250, 250, 100);
        assertThat(pd.incidents()).allSatisfy(i -> assertThat(i.status()).isEqualTo(Incident.Status.RESOLVED));
    }

    @Test
    void bulkAcknowledgeReportsHowFarItGotWhenAChunkFails() throws Exception {
        List<String> ids = new ArrayList<>(openMany(300));
        ids.set(260, "PNOPE");

        RestResult.Failure<List<IncidentSummary>> failure = failure(client().bulkAcknowledge(ids));

        assertThat(failure.httpStatus()).isEqualTo(404);
        assertThat(failure.message()).contains("after 250 of 300 incidents were updated");
        assertThat(pd.incidents().stream().filter(i -> i.status() == Incident.Status.ACKNOWLEDGED)).hasSize(250);
    }

    @Test
    void mapsPagerDutyErrorCodesToClearMessages() throws Exception {
        List<String> ids = openMany(2);
        PagerDutyRestClient client = client();
        ok(client.acknowledge(ids.get(0)));
        ok(client.resolve(ids.get(1), null));

        RestResult.Failure<IncidentSummary> acked = failure(client.acknowledge(ids.get(0)));
        assertThat(acked.httpStatus()).isEqualTo(400);
        assertThat(acked.pdCode()).isEqualTo(1002);
        assertThat(acked.message()).isEqualTo("incident is already acknowledged");

        RestResult.Failure<IncidentSummary> resolved = failure(client.resolve(ids.get(1), null));
        assertThat(resolved.pdCode()).isEqualTo(1001);
        assertThat(resolved.message()).isEqualTo("incident is already resolved");

        RestResult.Failure<IncidentSummary> escalate = failure(client.escalate(ids.get(0), 9));
        assertThat(escalate.pdCode()).isEqualTo(1006);
        assertThat(escalate.message()).startsWith("cannot escalate");

        RestResult.Failure<IncidentSummary> missing = failure(client.acknowledge("PMISSING"));
        assertThat(missing.httpStatus()).isEqualTo(404);
        assertThat(missing.pdCode()).isEqualTo(5001);
        assertThat(missing.message()).contains("not found");

        RestResult.Failure<IncidentSummary> stranger = failure(client("stranger@example.com", 10)
                .acknowledge(ids.get(0)));
        assertThat(stranger.pdCode()).isEqualTo(1008);
        assertThat(stranger.message()).contains("from_email is not a user");

        RestResult.Failure<IncidentNote> emptyNote = failure(client.addNote(ids.get(0), " "));
        assertThat(emptyNote.pdCode()).isEqualTo(2003);
        assertThat(emptyNote.message()).contains("arguments are missing");
    }

    @Test
    void aWrongTokenIsAnAuthenticationFailureThatNeverEchoesTheToken() throws Exception {
        PagerDutyRestClient client = new PagerDutyRestClient(pd.apiUrl(), ApiToken.of("wrong-secret-token"),
                PagerDutySimulator.USER_EMAIL, http, Duration.ofSeconds(5), clock);

        RestResult.Failure<Listing<IncidentSummary>> failure = failure(client.listIncidents(List.of(), List.of()));

        assertThat(failure.httpStatus()).isEqualTo(401);
        assertThat(failure.pdCode()).isEqualTo(2006);
        assertThat(failure.message()).startsWith("authentication failed").doesNotContain("wrong-secret-token");
        assertThat(failure.toString()).doesNotContain("wrong-secret-token");
        assertThat(ApiToken.of("wrong-secret-token").toString()).doesNotContain("wrong-secret-token");
    }

    @Test
    void aWriteWithoutFromEmailFailsWithoutReachingPagerDuty() throws Exception {
        String id = pd.openIncident(KEY_A, "x", "x");

        RestResult.Failure<IncidentSummary> failure = failure(client(null, 10).acknowledge(id));

        assertThat(failure.httpStatus()).isEqualTo(RestResult.Failure.NO_RESPONSE);
        assertThat(failure.message()).contains("from_email");
        assertThat(pd.received()).isEmpty();
        assertThat(ok(client(null, 10).listIncidents(List.of(), List.of())).items()).hasSize(1);
    }

    @Test
    void rateLimitedWithResetHeaderSaysWhenToRetry() throws Exception {
        pd.failNext(1, Fault.rateLimitReset(Duration.ofSeconds(30)));

        RestResult.Failure<Listing<IncidentSummary>> failure = failure(client().listIncidents(List.of(), List.of()));

        assertThat(failure.rateLimited()).isTrue();
        assertThat(failure.pdCode()).isEqualTo(2020);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(failure.message()).isEqualTo("rate limited by PagerDuty, retry in 30s");
        assertThat(pd.received()).hasSize(1); // no silent retry
    }

    @Test
    void rateLimitedWithRetryAfterOrWithoutAnyHint() throws Exception {
        pd.failNext(1, Fault.tooManyRequests(Duration.ofSeconds(7))).failNext(1, Fault.tooManyRequests());
        PagerDutyRestClient client = client();

        assertThat(failure(client.listServices()).message()).isEqualTo("rate limited by PagerDuty, retry in 7s");
        RestResult.Failure<Listing<ServiceSummary>> bare = failure(client.listServices());
        assertThat(bare.retryAfter()).isNull();
        assertThat(bare.message()).contains("rate limited").contains("no reset time");
    }

    @Test
    void serverErrorsAndUnreachableHostsAreFailuresNotExceptions() throws Exception {
        // Two resets: the JDK client itself retries an idempotent GET once after a dropped connection.
        pd.failNext(1, Fault.serverError(503)).failNext(2, Fault.reset());
        PagerDutyRestClient client = client();

        RestResult.Failure<Listing<ServiceSummary>> server = failure(client.listServices());
        assertThat(server.httpStatus()).isEqualTo(503);
        assertThat(server.message()).contains("server error");
        RestResult.Failure<Listing<ServiceSummary>> reset = failure(client.listServices());
        assertThat(reset.httpStatus()).isEqualTo(RestResult.Failure.NO_RESPONSE);
        assertThat(reset.message()).contains("cannot reach PagerDuty");
    }

    @Test
    void exposesTheLastRateLimitRemaining() throws Exception {
        PagerDutyRestClient client = client();
        assertThat(client.lastRateLimitRemaining()).isEmpty();

        ok(client.listServices());
        int first = client.lastRateLimitRemaining().orElseThrow();
        ok(client.listServices());

        assertThat(client.lastRateLimitRemaining()).hasValue(first - 1);
    }

    @Test
    void incidentIdsCannotChangeThePath() throws Exception {
        openMany(1);
        RestResult.Failure<IncidentSummary> failure = failure(client().acknowledge("../services"));
        assertThat(failure.httpStatus()).isEqualTo(404);
        assertThat(pd.received()).extracting(ReceivedRequest::path).noneMatch(p -> p.equals("/services"));
    }

    @Test
    void rejectsBadArgumentsBeforeSending() {
        assertThat(IntStream.of(0, -1)).allSatisfy(level -> org.assertj.core.api.Assertions
                .assertThatThrownBy(() -> client().escalate("P1", level))
                .isInstanceOf(IllegalArgumentException.class));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client().snooze("P1", Duration.ofDays(8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(pd.received()).isEmpty();
    }
}
