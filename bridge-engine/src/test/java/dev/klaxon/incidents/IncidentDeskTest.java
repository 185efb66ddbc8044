package dev.klaxon.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.audit.OperatorAction;
import dev.klaxon.config.DeliveryConfig;
import dev.klaxon.config.PagerDutyConfig;
import dev.klaxon.simulator.Fault;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.simulator.ReceivedRequest;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import dev.klaxon.secret.SecretRef;
import dev.klaxon.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentDeskTest {
    private static final String ROUTING_KEY = "dddddddddddddddddddddddddddddddd";
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final UnaryOperator<String> ENV = name -> "PD_API_TOKEN".equals(name)
            ? PagerDutySimulator.API_TOKEN : null;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T03:00:00Z"));
    private final List<OperatorAction> audited = new CopyOnWriteArrayList<>();
    private PagerDutySimulator pd;
    private IncidentDesk desk;

    @BeforeEach
    void startDouble() {
        pd = PagerDutySimulator.start(clock);
    }

    @AfterEach
    void stop() {
        if (desk != null) {
            desk.close();
        }
        pd.close();
    }

    private PagerDutyConfig config(SecretRef token) {
        return new PagerDutyConfig(pd.eventsUrl(), pd.apiUrl(), token, PagerDutySimulator.USER_EMAIL,
                DeliveryConfig.defaults());
    }

    private IncidentDesk start(PagerDutyConfig config, UnaryOperator<String> env) {
        desk = new IncidentDesk(config, env, clock, audited::add, "oncall@example.com",
                new DeskTiming(Duration.ofSeconds(15), Duration.ofMillis(20), 10));
        desk.start();
        return desk;
    }

    private IncidentDesk startConfigured() {
        return start(config(SecretRef.env("PD_API_TOKEN")), ENV);
    }

    private DeskSnapshot awaitState(DeskState state) {
        await().atMost(PATIENCE).until(() -> desk.snapshot().state() == state);
        return desk.snapshot();
    }

    private List<ReceivedRequest> requests(String method, String path) {
        return pd.received().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    private static String status(DeskSnapshot snapshot, String id) {
        return snapshot.incidents().stream().filter(i -> i.id().equals(id)).map(IncidentSummary::status)
                .findFirst().orElse("absent");
    }

    @Test
    void withoutATokenItSaysWhichKeyToSetAndNeverCallsPagerDuty() throws Exception {
        start(config(null), ENV);

        DeskSnapshot snapshot = desk.snapshot();
        assertThat(snapshot.state()).isEqualTo(DeskState.NOT_CONFIGURED);
        assertThat(snapshot.message()).contains("pagerduty.api_token_env");
        ActionResult result = desk.acknowledge(List.of("PDBL1")).get(10, TimeUnit.SECONDS);
        assertThat(result.allOk()).isFalse();
        assertThat(result.failures().get(0).message()).contains("pagerduty.api_token_env");
        assertThat(pd.received()).isEmpty();
    }

    @Test
    void anUnsetTokenVariableIsNamedNotGuessed() {
        start(config(SecretRef.env("PD_API_TOKEN")), name -> null);

        DeskSnapshot snapshot = awaitState(DeskState.NOT_CONFIGURED);
        assertThat(snapshot.message()).contains("pagerduty.api_token_env").contains("PD_API_TOKEN");
        assertThat(pd.received()).isEmpty();
    }

    @Test
    void pollsOpenIncidentsAndMapsEachDedupKeyToItsIncident() throws Exception {
        pd.openIncident(ROUTING_KEY, "db-1-disk", "Disk 91% on db-1");
        pd.openIncident(ROUTING_KEY, "api-5xx", "API 5xx above 2%");
        startConfigured();

        DeskSnapshot snapshot = awaitState(DeskState.OK);
        assertThat(snapshot.incidents()).extracting(IncidentSummary::title)
                .containsExactly("Disk 91% on db-1", "API 5xx above 2%");
        assertThat(snapshot.fetchedAt()).isEqualTo(clock.instant());
        assertThat(snapshot.incidentFor("db-1-disk")).contains(new IncidentRef("PDBL1", 1, "triggered"));
        assertThat(snapshot.incidentFor("api-5xx")).contains(new IncidentRef("PDBL2", 2, "triggered"));
        ReceivedRequest list = requests("GET", "/incidents").get(0);
        assertThat(list.header("Authorization")).isEqualTo("Token token=" + PagerDutySimulator.API_TOKEN);

        // Alerts are looked up once per incident, not on every poll. Advancing the clock makes the desk's own
        // tick due as well, so it may poll once more beside refreshNow: at least two polls, never a second lookup.
        clock.advance(Duration.ofSeconds(15));
        desk.refreshNow().get(10, TimeUnit.SECONDS);
        assertThat(requests("GET", "/incidents")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(requests("GET", "/incidents/PDBL1/alerts")).hasSize(1);
        assertThat(requests("GET", "/incidents/PDBL2/alerts")).hasSize(1);
    }

    @Test
    void acknowledgingOneIncidentUsesItsOwnUpdateAuditsItAndRefreshes() throws Exception {
        pd.openIncident(ROUTING_KEY, "db-1-disk", "Disk 91% on db-1");
        startConfigured();
        awaitState(DeskState.OK);

        ActionResult result = desk.acknowledge(List.of("PDBL1")).get(10, TimeUnit.SECONDS);

        assertThat(result.allOk()).isTrue();
        ReceivedRequest put = requests("PUT", "/incidents/PDBL1").get(0);
        assertThat(put.header("From")).isEqualTo(PagerDutySimulator.USER_EMAIL);
        assertThat(put.json().path("incident").path("status").asText()).isEqualTo("acknowledged");
        assertThat(status(desk.snapshot(), "PDBL1")).isEqualTo("acknowledged");
        assertThat(desk.snapshot().incidentFor("db-1-disk").orElseThrow().status()).isEqualTo("acknowledged");
        assertThat(audited).singleElement().satisfies(action -> {
            assertThat(action.what()).isEqualTo("incident.acknowledge");
            assertThat(action.target()).isEqualTo("PDBL1");
            assertThat(action.who()).isEqualTo("oncall@example.com");
            assertThat(action.ok()).isTrue();
        });
    }

    @Test
    void severalIncidentsGoInOneBulkUpdateWithOneAuditRowEach() throws Exception {
        pd.openIncident(ROUTING_KEY, "a", "A");
        pd.openIncident(ROUTING_KEY, "b", "B");
        pd.openIncident(ROUTING_KEY, "c", "C");
        startConfigured();
        awaitState(DeskState.OK);

        ActionResult result = desk.resolve(List.of("PDBL1", "PDBL3"), "disk replaced").get(10, TimeUnit.SECONDS);

        assertThat(result.allOk()).isTrue();
        List<ReceivedRequest> puts = requests("PUT", "/incidents");
        assertThat(puts).hasSize(1);
        JsonNode incidents = puts.get(0).json().path("incidents");
        assertThat(incidents).hasSize(2);
        for (JsonNode incident : incidents) {
            assertThat(incident.path("status").asText()).isEqualTo("resolved");
            assertThat(incident.path("resolution").asText()).isEqualTo("disk replaced");
        }
        DeskSnapshot snapshot = desk.snapshot();
        assertThat(snapshot.incidents()).extracting(IncidentSummary::id).containsExactly("PDBL2");
        // Resolved incidents leave the open list, but their dedup_keys still say where they went.
        assertThat(snapshot.incidentFor("a")).contains(new IncidentRef("PDBL1", 1, "resolved"));
        assertThat(audited).extracting(OperatorAction::what, OperatorAction::target).containsExactly(
                org.assertj.core.groups.Tuple.tuple("incident.resolve", "PDBL1"),
                org.assertj.core.groups.Tuple.tuple("incident.resolve", "PDBL3"));
    }

    @Test
    void escalatesToTheGivenLevel() throws Exception {
        pd.openIncident(ROUTING_KEY, "a", "A");
        startConfigured();
        awaitState(DeskState.OK);

        ActionResult result = desk.escalate("PDBL1", 2).get(10, TimeUnit.SECONDS);

        assertThat(result.allOk()).isTrue();
        assertThat(pd.escalationLevel("PDBL1")).isEqualTo(2);
        assertThat(desk.snapshot().incidents().get(0).assignees()).containsExactly("On-call L2");
        assertThat(audited.get(0).message()).isEqualTo("escalated to level 2");
    }

    @Test
    void pagerDutysRefusalIsReportedPerIncidentInWordsAndAudited() throws Exception {
        pd.openIncident(ROUTING_KEY, "a", "A");
        startConfigured();
        awaitState(DeskState.OK);
        desk.acknowledge(List.of("PDBL1")).get(10, TimeUnit.SECONDS);

        ActionResult again = desk.acknowledge(List.of("PDBL1")).get(10, TimeUnit.SECONDS);
        ActionResult tooFar = desk.escalate("PDBL1", 9).get(10, TimeUnit.SECONDS);

        assertThat(again.failures()).singleElement().satisfies(f -> {
            assertThat(f.incidentId()).isEqualTo("PDBL1");
            assertThat(f.message()).isEqualTo("incident is already acknowledged");
        });
        assertThat(tooFar.failures().get(0).message()).contains("cannot escalate");
        assertThat(audited).hasSize(3);
        assertThat(audited.get(1).ok()).isFalse();
        assertThat(audited.get(1).message()).isEqualTo("incident is already acknowledged");
    }

    @Test
    void aRateLimitStopsAllCallsUntilPagerDutysResetTime() throws Exception {
        pd.openIncident(ROUTING_KEY, "a", "A");
        pd.failNext(1, Fault.rateLimitReset(Duration.ofSeconds(30)));
        startConfigured();

        DeskSnapshot limited = awaitState(DeskState.RATE_LIMITED);
        assertThat(limited.retryAt()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(limited.message()).contains("rate limit").contains("30s");
        int seen = pd.received().size();

        assertThat(desk.refreshNow().get(10, TimeUnit.SECONDS).state()).isEqualTo(DeskState.RATE_LIMITED);
        ActionResult refused = desk.acknowledge(List.of("PDBL1")).get(10, TimeUnit.SECONDS);
        clock.advance(Duration.ofSeconds(29));
        assertThat(desk.refreshNow().get(10, TimeUnit.SECONDS).state()).isEqualTo(DeskState.RATE_LIMITED);
        assertThat(pd.received()).hasSize(seen);
        assertThat(refused.failures().get(0).message()).contains("rate limited").contains("30s");

        clock.advance(Duration.ofSeconds(1));
        DeskSnapshot after = awaitState(DeskState.OK);
        assertThat(after.incidents()).hasSize(1);
        assertThat(after.retryAt()).isNull();
    }

    @Test
    void anOutageShowsAsFailingWithTheLastIncidentsKeptAndNoToken() throws Exception {
        pd.openIncident(ROUTING_KEY, "a", "A");
        startConfigured();
        awaitState(DeskState.OK);
        pd.startOutage(Fault.respond(401, java.util.Map.of(),
                "{\"error\":{\"message\":\"Authentication failed\",\"code\":2006}}"));

        clock.advance(Duration.ofSeconds(15));
        DeskSnapshot failing = awaitState(DeskState.FAILING);

        assertThat(failing.message()).contains("authentication failed").doesNotContain(PagerDutySimulator.API_TOKEN);
        assertThat(failing.incidents()).hasSize(1);
        pd.endOutage();
        assertThat(desk.refreshNow().get(10, TimeUnit.SECONDS).state()).isEqualTo(DeskState.OK);
    }

    @Test
    void closingFailsActionsStillWaitingInsteadOfLeavingThemHanging() {
        pd.openIncident(ROUTING_KEY, "a", "A");
        startConfigured();
        awaitState(DeskState.OK);
        pd.failNext(1, Fault.delay(Duration.ofSeconds(30)));
        java.util.concurrent.CompletableFuture<ActionResult> inFlight = desk.acknowledge(List.of("PDBL1"));
        java.util.concurrent.CompletableFuture<ActionResult> queued = desk.resolve(List.of("PDBL1"), null);

        desk.close();

        assertThat(inFlight).failsWithin(Duration.ofSeconds(10));
        assertThat(queued).failsWithin(Duration.ofSeconds(10));
    }

    @Test
    void aRotatedTokenFileIsReadAgainWithoutARestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path tokenFile = java.nio.file.Files.writeString(dir.resolve("pd-token"), "revoked-old-token");
        start(config(SecretRef.file(tokenFile.toString())), ENV);
        await().atMost(PATIENCE).until(() -> desk.snapshot().state() == DeskState.FAILING);

        java.nio.file.Files.writeString(tokenFile, PagerDutySimulator.API_TOKEN);
        DeskSnapshot after = desk.readTokenAgain().get(10, TimeUnit.SECONDS);

        assertThat(after.state()).isEqualTo(DeskState.OK);
    }
}
