package dev.klaxon.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.klaxon.audit.AuditKind;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.message.Severity;
import dev.klaxon.route.RenderedEvent;
import dev.klaxon.secret.SecretRef;
import dev.klaxon.stats.TailEntry;
import dev.klaxon.decision.Decision;
import dev.klaxon.decision.Outcome;
import dev.klaxon.guard.PayloadMatcher;
import dev.klaxon.guard.Silence;
import dev.klaxon.guard.SilenceRecord;
import dev.klaxon.guard.SilenceRequest;
import dev.klaxon.guard.SilenceState;
import dev.klaxon.guard.SilenceStorage;
import dev.klaxon.guard.SignatureVerifier;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.stats.SubjectSnapshot;
import dev.klaxon.testing.MutableClock;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Silences, dedup and signatures on the live path: real nats-server → engine → double, time driven by a test clock. */
class GuardsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ROUTING_KEY = "5f1e9c2a5f1e9c2a5f1e9c2a5f1e9c2a";
    private static final String SIGNING_SECRET = "publishers-and-klaxon-share-this";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T03:00:00Z"));
    private NatsServerProcess server;
    private PagerDutySimulator pagerDuty;
    private Connection publisher;
    private Engine engine;

    @BeforeEach
    void start() throws Exception {
        server = NatsServerProcess.start();
        pagerDuty = PagerDutySimulator.start(clock);
        publisher = Nats.connect(server.url());
        engine = startEngine();
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
        publisher.close();
        pagerDuty.close();
        server.close();
    }

    private Engine startEngine() throws Exception {
        return TestEngines.startConnected(dir, """
                nats:
                  servers: ["%s"]
                  subjects: ["alerts.>"]
                pagerduty:
                  events_url: "%s"
                  from_email: ana@example.com
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.payments.>"
                    action: page
                    routing_key_env: PD_ROUTING_KEY_PROD
                    require_signature: { secret_env: KLAXON_SIGNING_SECRET }
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_ROUTING_KEY_PROD
                guards:
                  dedup_window: 5m
                  inhibit:
                    - while: "alerts.prod.dc1.down"
                      hold: "alerts.prod.dc1.>"
                      below: critical
                """.formatted(server.url(), pagerDuty.eventsUrl(), dir.resolve("data")), clock,
                Map.of("PD_ROUTING_KEY_PROD", ROUTING_KEY, "KLAXON_SIGNING_SECRET", SIGNING_SECRET));
    }

    /** Publishes and waits until the engine has decided it. */
    private void publish(String subject, String json) throws Exception {
        publish(subject, new Headers(), json);
    }

    private void publish(String subject, Headers headers, String json) throws Exception {
        long before = engine.summary().processed();
        publisher.publish(subject, headers, json.getBytes(StandardCharsets.UTF_8));
        publisher.flush(Duration.ofSeconds(5));
        await().atMost(WAIT).until(() -> engine.summary().processed() > before);
    }

    private long count(String subject, Outcome outcome) {
        return engine.snapshot().subjects().stream().filter(s -> s.subject().equals(subject))
                .mapToLong(s -> s.count(outcome)).sum();
    }

    private SilenceRecord silence(long id) throws Exception {
        return engine.silences().get().stream().filter(r -> r.silence().id() == id).findFirst().orElseThrow();
    }

    @Test
    void aSilenceHoldsItsTriggersIsExtendedExpiresEarlyAndEveryStepIsAudited() throws Exception {
        Silence silence = engine.addSilence(SilenceRequest.of("alerts.prod.db.>", Duration.ofMinutes(30),
                "failover drill").withMatchers(List.of(PayloadMatcher.parse("severity=warning")))).get();

        publish("alerts.prod.db.replica", "{\"summary\":\"lag\",\"severity\":\"warning\",\"dedup_key\":\"r1\"}");
        publish("alerts.prod.db.replica", "{\"summary\":\"lag\",\"severity\":\"warning\",\"dedup_key\":\"r2\"}");
        publish("alerts.prod.db.replica", "{\"summary\":\"down\",\"severity\":\"critical\",\"dedup_key\":\"r3\"}");

        assertThat(count("alerts.prod.db.replica", Outcome.SILENCED)).isEqualTo(2);
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 1);
        assertThat(pagerDuty.acceptedEvents().get(0).get("dedup_key").asText()).isEqualTo("r3");
        assertThat(silence(silence.id()).matched()).isEqualTo(2);
        assertThat(engine.explain("alerts.prod.db.replica", "{\"severity\":\"warning\"}".getBytes(
                StandardCharsets.UTF_8), Map.of()).reason()).startsWith(silence.label());

        clock.advance(Duration.ofMinutes(29));
        engine.extendSilence(silence.id(), silence.endsAt().plus(Duration.ofMinutes(30)), SilenceStorage.ANY_REVISION).get();
        clock.advance(Duration.ofMinutes(2));
        publish("alerts.prod.db.replica", "{\"severity\":\"warning\",\"dedup_key\":\"r4\"}");
        assertThat(count("alerts.prod.db.replica", Outcome.SILENCED)).as("extended past its first end").isEqualTo(3);

        engine.expireSilence(silence.id(), SilenceStorage.ANY_REVISION).get();
        assertThat(silence(silence.id()).state(clock.instant())).isEqualTo(SilenceState.EXPIRED);
        publish("alerts.prod.db.replica", "{\"severity\":\"warning\",\"dedup_key\":\"r5\"}");
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 2);
        assertThatThrownBy(() -> engine.expireSilence(silence.id(), SilenceStorage.ANY_REVISION).join()).hasMessageContaining("already ended");

        await().atMost(WAIT).until(() -> engine.searchAudit(AuditQuery.all().kinds(AuditKind.ACTION)).size() == 4);
        assertThat(engine.searchAudit(AuditQuery.all().kinds(AuditKind.ACTION))).extracting(AuditRow::action)
                .containsExactlyInAnyOrder("silence.add", "silence.extend", "silence.expire", "silence.expire");
        assertThat(engine.searchAudit(AuditQuery.all().kinds(AuditKind.ACTION)))
                .allSatisfy(row -> assertThat(row.actor()).isEqualTo("ana@example.com"));
    }

    @Test
    void silencesAndTheirCountsSurviveARestart() throws Exception {
        Silence silence = engine.addSilence(SilenceRequest.of("alerts.prod.>", Duration.ofHours(1), "maintenance"))
                .get();
        publish("alerts.prod.api", "{\"summary\":\"5xx\"}");
        engine.close();

        engine = startEngine();
        assertThat(silence(silence.id()).matched()).isEqualTo(1);
        publish("alerts.prod.api", "{\"summary\":\"5xx again\",\"dedup_key\":\"new\"}");
        assertThat(count("alerts.prod.api", Outcome.SILENCED)).isEqualTo(1);
        assertThat(silence(silence.id()).matched()).isEqualTo(2);
        assertThat(pagerDuty.acceptedEvents()).isEmpty();
    }

    @Test
    void aSilenceThatEndsWhileItsSubjectStillFiresIsFlaggedAndOneThatNeverMatchedIsToo() throws Exception {
        Silence busy = engine.addSilence(SilenceRequest.of("alerts.prod.db", Duration.ofMinutes(10), "noisy"))
                .get();
        Silence typo = engine.addSilence(SilenceRequest.of("alerts.prdo.>", Duration.ofMinutes(10), "typo")).get();
        publish("alerts.prod.db", "{\"summary\":\"still broken\"}");
        clock.advance(Duration.ofMinutes(9).plusSeconds(30));
        publish("alerts.prod.db", "{\"summary\":\"still broken\"}");

        clock.advance(Duration.ofSeconds(30)); // both silences end; the subject fired 30 s ago

        await().atMost(WAIT).until(() -> silence(busy.id()).expiredWhileFiring());
        assertThat(silence(typo.id()).expiredWhileFiring()).isFalse();
        assertThat(silence(typo.id()).neverMatched(clock.instant())).isTrue();
        assertThat(silence(busy.id()).neverMatched(clock.instant())).isFalse();
    }

    @Test
    void aSignedRouteForwardsOnlyCorrectlySignedRecentMessages() throws Exception {
        SignatureVerifier publisherSide = new SignatureVerifier(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8),
                clock);
        String body = "{\"summary\":\"card declines\",\"dedup_key\":\"pay/1\"}";
        long now = clock.instant().getEpochSecond();

        publish("alerts.prod.payments.api", signed(now, publisherSide.sign(now, bytes(body))), body);
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 1);

        publish("alerts.prod.payments.api", new Headers(), body.replace("pay/1", "pay/2"));
        publish("alerts.prod.payments.api", signed(now, "00".repeat(32)), body.replace("pay/1", "pay/3"));
        long stale = now - 301;
        String staleBody = body.replace("pay/1", "pay/4");
        publish("alerts.prod.payments.api", signed(stale, publisherSide.sign(stale, bytes(staleBody))), staleBody);

        assertThat(count("alerts.prod.payments.api", Outcome.REJECTED)).isEqualTo(3);
        assertThat(count("alerts.prod.payments.api", Outcome.FORWARDED)).isEqualTo(1);
        assertThat(engine.tail("alerts.prod.payments.api")).extracting(entry -> entry.reason()).containsSubsequence(
                "routes[0] \"alerts.prod.payments.>\": unsigned: the route requires a Klaxon-Signature header; "
                        + "never forwarded",
                "routes[0] \"alerts.prod.payments.>\": signature does not match; never forwarded",
                "routes[0] \"alerts.prod.payments.>\": signature timestamp is 301 s old, over the 300 s allowed "
                        + "(a replay?); never forwarded");
        assertThat(pagerDuty.acceptedEvents()).hasSize(1);
    }

    @Test
    void aSignedTriggerReplayedByteForByteIsRejectedEvenAfterARestart() throws Exception {
        SignatureVerifier publisherSide = new SignatureVerifier(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8),
                clock);
        String body = "{\"summary\":\"card declines\",\"dedup_key\":\"pay/replay\"}";
        long now = clock.instant().getEpochSecond();
        Headers captured = signed(now, publisherSide.sign(now, bytes(body)));
        Instant firstAccepted = clock.instant();

        publish("alerts.prod.payments.api", captured, body);
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 1);

        clock.advance(Duration.ofMinutes(2)); // the incident is resolved; the capture is still fresh
        publish("alerts.prod.payments.api", captured, body);
        String replayed = "routes[0] \"alerts.prod.payments.>\": rejected: replayed signature (first accepted "
                + firstAccepted + "); never forwarded";
        assertThat(engine.tail("alerts.prod.payments.api")).extracting(entry -> entry.reason()).contains(replayed);

        engine.close();
        clock.advance(Duration.ofMinutes(2)); // still inside the five minutes
        engine = startEngine();
        publish("alerts.prod.payments.api", captured, body);
        assertThat(engine.tail("alerts.prod.payments.api")).extracting(entry -> entry.reason()).contains(replayed);
        assertThat(count("alerts.prod.payments.api", Outcome.REJECTED)).isEqualTo(1);
        assertThat(pagerDuty.acceptedEvents()).hasSize(1);

        engine.close(); // the audit takes the rejected counts and their samples at close at the latest
        assertThat(auditedRejectReasons()).contains(replayed);
    }

    /** The reasons of the rejected messages the audit sampled (rejects are audited as counts with samples). */
    private List<String> auditedRejectReasons() throws Exception {
        List<String> reasons = new java.util.ArrayList<>();
        try (java.sql.Connection audit = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + dir.resolve("data").resolve("audit.db"));
             java.sql.ResultSet rows = audit.createStatement().executeQuery(
                     "SELECT reason FROM samples WHERE upper(outcome) = 'REJECTED'")) {
            while (rows.next()) {
                reasons.add(rows.getString(1));
            }
        }
        return reasons;
    }

    @Test
    void aNegativeTimestampIsReportedAsNotAValidTime() throws Exception {
        String body = "{\"summary\":\"card declines\"}";
        publish("alerts.prod.payments.api", signed(-5, "00".repeat(32)), body);
        assertThat(engine.tail("alerts.prod.payments.api")).extracting(entry -> entry.reason()).containsExactly(
                "routes[0] \"alerts.prod.payments.>\": Klaxon-Timestamp -5 is not a valid time; never forwarded");
    }

    private static Headers signed(long timestamp, String signature) {
        return new Headers().add(SignatureVerifier.TIMESTAMP_HEADER, Long.toString(timestamp))
                .add(SignatureVerifier.SIGNATURE_HEADER, signature);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aManualEscalationBypassesASilenceAndIsAudited() throws Exception {
        engine.addSilence(SilenceRequest.of("alerts.prod.>", Duration.ofHours(1), "maintenance")).get();
        publish("alerts.prod.db", "{\"summary\":\"replica lag 900 s\",\"severity\":\"warning\",\"source\":\"db-3\"}");
        assertThat(count("alerts.prod.db", Outcome.SILENCED)).isEqualTo(1);
        TailEntry silenced = engine.tail("alerts.prod.db").get(0);
        byte[] body = silenced.body().getBytes(StandardCharsets.UTF_8);

        RenderedEvent preview = engine.previewEscalation("alerts.prod.db", body, silenced.headers(),
                SecretRef.env("PD_ROUTING_KEY_PROD"), Severity.CRITICAL);
        assertThat(preview.body().get("routing_key").asText()).isEqualTo("******** (env PD_ROUTING_KEY_PROD)");
        assertThat(preview.body().get("payload").get("severity").asText()).isEqualTo("critical");
        assertThat(preview.adjustments()).contains("severity warning raised by hand to critical");

        engine.escalate("alerts.prod.db", body, silenced.headers(), SecretRef.env("PD_ROUTING_KEY_PROD"),
                Severity.CRITICAL).get();

        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 1);
        JsonNode sent = pagerDuty.acceptedEvents().get(0);
        assertThat(sent.get("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(sent.get("payload").get("summary").asText()).isEqualTo("replica lag 900 s");
        assertThat(sent.get("payload").get("severity").asText()).isEqualTo("critical");
        await().atMost(WAIT).until(() -> engine.searchAudit(AuditQuery.all().text("escalat")).size() == 2);
        assertThat(engine.searchAudit(AuditQuery.all().kinds(AuditKind.ACTION).text("escalate")))
                .singleElement().satisfies(row -> {
                    assertThat(row.actor()).isEqualTo("ana@example.com");
                    assertThat(row.target()).isEqualTo("alerts.prod.db to env:PD_ROUTING_KEY_PROD as critical");
                });
        assertThat(engine.searchAudit(AuditQuery.all().kinds(AuditKind.FORWARDED))).singleElement()
                .satisfies(row -> assertThat(row.rule()).isEqualTo("manual escalation by ana@example.com"));
    }

    @Test
    void whileTheDatacentreIsDownItsLesserAlertsAreInhibitedAndCounted() throws Exception {
        publish("alerts.prod.dc1.down", "{\"summary\":\"dc1 unreachable\",\"severity\":\"critical\","
                + "\"dedup_key\":\"dc1\"}");
        publish("alerts.prod.dc1.db", "{\"summary\":\"db timeout\",\"severity\":\"error\",\"dedup_key\":\"db\"}");
        publish("alerts.prod.dc1.api", "{\"summary\":\"api 5xx\",\"severity\":\"warning\",\"dedup_key\":\"api\"}");
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 1);
        assertThat(count("alerts.prod.dc1.db", Outcome.INHIBITED)).isEqualTo(1);
        assertThat(count("alerts.prod.dc1.api", Outcome.INHIBITED)).isEqualTo(1);

        publish("alerts.prod.dc1.down", "{\"event_action\":\"resolve\",\"dedup_key\":\"dc1\"}");
        publish("alerts.prod.dc1.db", "{\"summary\":\"db timeout\",\"severity\":\"error\",\"dedup_key\":\"db\"}");
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 3);
        assertThat(pagerDuty.acceptedEvents()).extracting(e -> e.get("dedup_key").asText())
                .containsExactly("dc1", "dc1", "db");
    }

    @Test
    void repeatedTriggersWithinTheDedupWindowAreCountedAndOnlyTheFirstPages() throws Exception {
        for (int i = 0; i < 5; i++) {
            publish("alerts.prod.cache", "{\"summary\":\"evictions\",\"dedup_key\":\"cache/evict\"}");
        }
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 1);
        assertThat(count("alerts.prod.cache", Outcome.DEDUPLICATED)).isEqualTo(4);
        SubjectSnapshot cache = engine.snapshot().subjects().stream()
                .filter(s -> s.subject().equals("alerts.prod.cache")).findFirst().orElseThrow();
        assertThat(cache.total()).isEqualTo(5);

        publish("alerts.prod.cache", "{\"event_action\":\"resolve\",\"dedup_key\":\"cache/evict\"}");
        publish("alerts.prod.cache", "{\"summary\":\"evictions\",\"dedup_key\":\"cache/evict\"}");
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 3);
        Decision explained = engine.explain("alerts.prod.cache",
                "{\"dedup_key\":\"cache/evict\"}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(explained.outcome()).isEqualTo(Outcome.DEDUPLICATED);
    }
}
