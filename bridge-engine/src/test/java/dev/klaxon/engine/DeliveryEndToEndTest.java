package dev.klaxon.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.audit.AuditKind;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.decision.Outcome;
import dev.klaxon.delivery.DeliveryStatus;
import dev.klaxon.delivery.Reachability;
import dev.klaxon.outbox.StorageLock;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.Fault;
import dev.klaxon.simulator.Incident;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.testing.MutableClock;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real nats-server → engine → outbox → PagerDuty double, with time driven by a test clock where it matters. */
class DeliveryEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ROUTING_KEY = "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY12";
    private static final String CHANGE_KEY = "c4a9e1d0c4a9e1d0c4a9e1d0c4a9e1d0";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T03:00:00Z"));
    private NatsServerProcess server;
    private PagerDutySimulator pagerDuty;
    private Engine engine;
    private Connection publisher;

    @BeforeEach
    void start() throws Exception {
        server = NatsServerProcess.start();
        pagerDuty = PagerDutySimulator.start(clock);
        publisher = Nats.connect(server.url());
    }

    @AfterEach
    void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
        publisher.close();
        pagerDuty.close();
        server.close();
    }

    private Engine startEngine(int budgetPerMinute) throws Exception {
        return TestEngines.startConnected(dir, """
                nats:
                  servers: ["%s"]
                  subjects: ["alerts.>", "deploys.>"]
                pagerduty:
                  events_url: "%s"
                  budget_per_minute: %d
                  retry: { base: 1s, cap: 30s }
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_ROUTING_KEY_PROD
                    severity: critical
                  - match: "deploys.>"
                    action: change
                    routing_key_env: PD_ROUTING_KEY_CHANGES
                """.formatted(server.url(), pagerDuty.eventsUrl(), budgetPerMinute, dir.resolve("data")), clock,
                Map.of("PD_ROUTING_KEY_PROD", ROUTING_KEY, "PD_ROUTING_KEY_CHANGES", CHANGE_KEY));
    }

    private void publish(String subject, String json) throws Exception {
        publisher.publish(subject, json.getBytes(StandardCharsets.UTF_8));
        publisher.flush(Duration.ofSeconds(5));
    }

    private DeliveryStatus delivery() {
        return engine.summary().delivery();
    }

    @Test
    void triggerAcknowledgeResolveArriveInOrderAndCloseTheIncident() throws Exception {
        engine = startEngine(120);
        publish("alerts.prod.db", "{\"summary\":\"Replication lag 47s\",\"source\":\"db-3\",\"dedup_key\":\"db-3/lag\"}");
        publish("alerts.prod.db", "{\"event_action\":\"acknowledge\",\"dedup_key\":\"db-3/lag\"}");
        publish("alerts.prod.db", "{\"event_action\":\"resolve\",\"dedup_key\":\"db-3/lag\"}");

        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 3);
        assertThat(pagerDuty.acceptedEvents()).extracting(e -> e.get("event_action").asText())
                .containsExactly("trigger", "acknowledge", "resolve");
        assertThat(pagerDuty.acceptedEvents()).allSatisfy(e -> {
            assertThat(e.get("routing_key").asText()).isEqualTo(ROUTING_KEY);
            assertThat(e.get("dedup_key").asText()).isEqualTo("db-3/lag");
        });
        assertThat(pagerDuty.incidents()).singleElement()
                .satisfies(incident -> assertThat(incident.status()).isEqualTo(Incident.Status.RESOLVED));
        assertThat(engine.summary().total(Outcome.FORWARDED)).isEqualTo(3);
        await().atMost(WAIT).until(() -> delivery().outbox().pending() == 0);
        assertThat(delivery().reachability()).isEqualTo(Reachability.REACHABLE);
    }

    @Test
    void aRefusedEventIsDeadLetteredWithPagerDutysMessageAndTheNextOneStillGoes() throws Exception {
        engine = startEngine(120);
        pagerDuty.failNext(1, Fault.respond(400, Map.of("Content-Type", "application/json"),
                "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                        + "\"errors\":[\"'payload.summary' is missing\"]}"));
        publish("alerts.prod.api", "{\"summary\":\"first\",\"dedup_key\":\"a\"}");
        await().atMost(WAIT).until(() -> delivery().outbox().deadLetters() == 1);
        publish("alerts.prod.api", "{\"summary\":\"second\",\"dedup_key\":\"b\"}");

        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 1);
        assertThat(pagerDuty.acceptedEvents().get(0).get("payload").get("summary").asText()).isEqualTo("second");
        assertThat(delivery().lastProblem()).contains("Event object is invalid", "'payload.summary' is missing")
                .doesNotContain(ROUTING_KEY);
    }

    @Test
    void aTenMinuteOutageEndsWithEveryEventDelivered() throws Exception {
        engine = startEngine(120);
        pagerDuty.startOutage(Fault.serverError(503));
        for (int i = 0; i < 5; i++) {
            publish("alerts.prod.svc" + i, "{\"summary\":\"down " + i + "\"}");
        }
        await().atMost(WAIT).until(() -> pagerDuty.received().size() == 5 && delivery().inFlight() == 0);
        assertThat(delivery().outbox().pending()).isEqualTo(5);
        assertThat(delivery().reachability()).isEqualTo(Reachability.FAILING);

        long failedBefore = pagerDuty.received().size();
        for (int minute = 0; minute < 10; minute++) {
            clock.advance(Duration.ofMinutes(1));
            long seen = pagerDuty.received().size();
            // Each minute past the 30 s backoff cap, every pending event is tried again. Time moves on only
            // when every attempt's outcome is recorded, as it would between two real minutes.
            await().atMost(WAIT).until(() -> pagerDuty.received().size() >= seen + 5 && delivery().inFlight() == 0);
        }
        assertThat(pagerDuty.received().size() - failedBefore).isGreaterThanOrEqualTo(50);
        assertThat(pagerDuty.acceptedEvents()).isEmpty();

        pagerDuty.endOutage();
        clock.advance(Duration.ofMinutes(1));
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 5);
        await().atMost(WAIT).until(() -> delivery().outbox().pending() == 0);
        assertThat(pagerDuty.acceptedEvents()).extracting(e -> e.get("payload").get("summary").asText())
                .containsExactlyInAnyOrder("down 0", "down 1", "down 2", "down 3", "down 4");
    }

    @Test
    void aDeadLetterReSentByHandIsDeliveredAndTheResendIsAudited() throws Exception {
        engine = startEngine(120);
        pagerDuty.failNext(1, Fault.respond(400, Map.of("Content-Type", "application/json"),
                "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\"}"));
        publish("alerts.prod.api", "{\"summary\":\"refused once\",\"dedup_key\":\"again\"}");
        await().atMost(WAIT).until(() -> engine.deadLetters(10).size() == 1);
        long id = engine.deadLetters(10).get(0).id();
        assertThat(engine.deadLetters(10).get(0).lastMessage()).contains("Event object is invalid");

        engine.resendDeadLetter(id).get();

        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 1);
        assertThat(pagerDuty.acceptedEvents().get(0).get("dedup_key").asText()).isEqualTo("again");
        await().atMost(WAIT).until(() -> engine.deadLetters(10).isEmpty() && delivery().outbox().pending() == 0);
        await().atMost(WAIT).until(() -> !engine.searchAudit(AuditQuery.all().kinds(AuditKind.ACTION)).isEmpty());
        assertThat(engine.searchAudit(AuditQuery.all().kinds(AuditKind.ACTION))).singleElement().satisfies(row -> {
            assertThat(row.action()).isEqualTo("outbox.resend");
            assertThat(row.target()).isEqualTo("outbox event " + id);
            assertThat(row.actor()).isEqualTo(engine.operator());
        });
        assertThatThrownBy(() -> engine.resendDeadLetter(id).join()).hasMessageContaining("is not a dead letter");
    }

    @Test
    void aSecondEngineOnTheSameStorageIsRefusedUntilTheFirstCloses() throws Exception {
        engine = startEngine(120);
        Engine second = Engine.create(engine.config(), clock);
        assertThatThrownBy(second::start).isInstanceOf(StorageLock.StorageInUseException.class)
                .hasMessageContaining("in use by another Klaxon");
        second.close();
        engine.close();

        engine = startEngine(120); // the lock went with the first engine
        assertThat(engine.summary().delivery()).isNotNull();
    }

    @Test
    void theBudgetHoldsEventsInTheOutboxInsteadOfDroppingThem() throws Exception {
        engine = startEngine(10);
        for (int i = 0; i < 25; i++) {
            publish("alerts.prod.flood", "{\"summary\":\"n" + i + "\",\"dedup_key\":\"k" + i + "\"}");
        }
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 10);
        await().atMost(WAIT).until(() -> delivery().outbox().pending() == 15 && delivery().inFlight() == 0);
        assertThat(delivery().budgetUsage()).containsEntry("env:PD_ROUTING_KEY_PROD", 10);

        clock.advance(Duration.ofSeconds(61));
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 20 && delivery().inFlight() == 0);
        clock.advance(Duration.ofSeconds(61));
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 25);
        await().atMost(WAIT).until(() -> delivery().outbox().pending() == 0);
    }

    @Test
    void aStormOf429sNeverLetsMoreThanTheBudgetPerMinuteReachPagerDuty() throws Exception {
        int budget = 10;
        engine = startEngine(budget);
        pagerDuty.startOutage(Fault.tooManyRequests()); // no Retry-After: only the budget and the backoff hold back
        for (int i = 0; i < 30; i++) {
            publish("alerts.prod.storm", "{\"summary\":\"n" + i + "\",\"dedup_key\":\"k" + i + "\"}");
        }
        await().atMost(WAIT).until(() -> delivery().outbox().pending() == 30);
        for (int step = 0; step < 9; step++) { // three minutes of storm, in 20 s steps
            TestEngines.awaitDeliveryIdle(engine, pagerDuty);
            clock.advance(Duration.ofSeconds(20));
        }
        TestEngines.awaitDeliveryIdle(engine, pagerDuty);
        assertThat(pagerDuty.received()).allMatch(r -> r.status() == 429);
        assertThat(pagerDuty.received().size()).isGreaterThanOrEqualTo(3 * budget);
        // The console's budget meter shows every one of them against the key's reference.
        assertThat(delivery().rateLimited()).containsOnlyKeys("env:PD_ROUTING_KEY_PROD")
                .containsEntry("env:PD_ROUTING_KEY_PROD", (long) pagerDuty.received().size());

        pagerDuty.endOutage();
        for (int step = 0; step < 30 && pagerDuty.acceptedEvents().size() < 30; step++) {
            clock.advance(Duration.ofSeconds(20));
            TestEngines.awaitDeliveryIdle(engine, pagerDuty);
        }
        assertThat(pagerDuty.acceptedEvents()).extracting(e -> e.get("dedup_key").asText()).doesNotHaveDuplicates()
                .hasSize(30);
        assertThat(delivery().outbox().deadLetters()).isZero();
        assertThat(TestEngines.mostRequestsInAnyMinute(pagerDuty.received())).isLessThanOrEqualTo(budget);
    }

    @Test
    void aChangeRuleSendsAChangeEventThatPagesNoOne() throws Exception {
        engine = startEngine(120);
        publish("deploys.prod.api", """
                {"summary":"api v2.3.1 deployed","source":"ci","custom_details":{"sha":"4f2a9c"},
                 "links":[{"href":"https://ci.example.com/builds/118","text":"build 118"}]}""");

        await().atMost(WAIT).until(() -> pagerDuty.acceptedChangeEvents().size() == 1);
        JsonNode change = pagerDuty.acceptedChangeEvents().get(0);
        assertThat(change.get("routing_key").asText()).isEqualTo(CHANGE_KEY);
        assertThat(change.get("payload").get("summary").asText()).isEqualTo("api v2.3.1 deployed");
        assertThat(change.get("payload").get("source").asText()).isEqualTo("ci");
        assertThat(change.get("payload").get("custom_details").get("sha").asText()).isEqualTo("4f2a9c");
        assertThat(change.get("links").get(0).get("href").asText()).isEqualTo("https://ci.example.com/builds/118");
        assertThat(change.has("event_action")).isFalse();
        assertThat(change.has("dedup_key")).isFalse();
        assertThat(pagerDuty.incidents()).isEmpty();
        assertThat(pagerDuty.acceptedEvents()).isEmpty();
        assertThat(engine.summary().total(Outcome.FORWARDED)).isEqualTo(1);

        await().atMost(WAIT).until(() -> !engine.searchAudit(AuditQuery.all().kinds(AuditKind.FORWARDED)).isEmpty());
        AuditRow row = engine.searchAudit(AuditQuery.all().kinds(AuditKind.FORWARDED)).get(0);
        assertThat(row.eventAction()).isEqualTo("change");
        assertThat(row.rule()).isEqualTo("routes[1] \"deploys.>\"");
        assertThat(row.state()).isEqualTo("delivered");
        assertThat(row.body()).doesNotContain(CHANGE_KEY);
    }

    @Test
    void deliveredEventsLeaveTheOutboxADayLaterAndTheAuditKeepsThem() throws Exception {
        engine = startEngine(120);
        publish("alerts.prod.db", "{\"summary\":\"kept a day\",\"dedup_key\":\"p\"}");
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 1 && delivery().outbox().pending() == 0);
        engine.close();
        assertThat(outboxRows()).isEqualTo(1);

        clock.advance(Engine.DELIVERED_KEPT.plusMinutes(1));
        engine = startEngine(120);
        await().atMost(WAIT).until(() -> outboxRows() == 0);
        assertThat(engine.searchAudit(AuditQuery.all().kinds(AuditKind.FORWARDED)))
                .singleElement().satisfies(row -> assertThat(row.dedupKey()).isEqualTo("p"));
    }

    private long outboxRows() throws Exception {
        try (java.sql.Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/outbox.db"));
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM events")) {
            return rs.getLong(1);
        }
    }

    @Test
    void pendingEventsAreSentByTheNextRun() throws Exception {
        engine = startEngine(120);
        pagerDuty.startOutage(Fault.reset());
        publish("alerts.prod.db", "{\"summary\":\"one\",\"dedup_key\":\"x\"}");
        publish("alerts.prod.db", "{\"event_action\":\"resolve\",\"dedup_key\":\"x\"}");
        await().atMost(WAIT).until(() -> delivery().outbox().pending() == 2);
        engine.close();

        pagerDuty.endOutage();
        clock.advance(Duration.ofMinutes(1));
        engine = startEngine(120);
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 2);
        List<JsonNode> accepted = pagerDuty.acceptedEvents();
        assertThat(accepted).extracting(e -> e.get("event_action").asText()).containsExactly("trigger", "resolve");
    }
}
