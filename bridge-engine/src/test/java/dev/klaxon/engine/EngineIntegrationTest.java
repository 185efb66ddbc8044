package dev.klaxon.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.decision.Decision;
import dev.klaxon.decision.Outcome;
import dev.klaxon.nats.ConnectionState;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.stats.LiveStats;
import dev.klaxon.stats.SubjectSnapshot;
import dev.klaxon.stats.TailEntry;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole engine against a real nats-server: publish, then check what it decided and counted. */
class EngineIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private NatsServerProcess server;
    private Engine engine;
    private Connection publisher;

    @BeforeEach
    void startServerAndEngine() throws Exception {
        server = NatsServerProcess.start();
        KlaxonConfig config = new ConfigLoader().parse("""
                nats:
                  servers: ["%s"]
                  subjects: ["alerts.>", "metrics.>", "weird.>"]
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    shadow: true
                    routing_key_env: PD_ROUTING_KEY_PROD
                    severity: critical
                    dedup_key: "{subject}/{source}"
                  - match: "alerts.staging.>"
                    action: log
                  - match: "metrics.>"
                    action: drop
                """.formatted(server.url(), dir), dir.resolve("klaxon.yaml"));
        engine = Engine.create(config, Clock.systemUTC(), EngineOptions.defaults().withEnvironment(name -> null));
        engine.start();
        await().atMost(WAIT).until(() -> engine.snapshot().connection().state() == ConnectionState.CONNECTED);
        publisher = Nats.connect(server.url());
    }

    @AfterEach
    void stopAll() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void publish(String subject, String body) {
        publisher.publish(subject, body.getBytes(StandardCharsets.UTF_8));
    }

    private void awaitProcessed(long count) {
        await().atMost(WAIT).until(() -> engine.snapshot().processed() >= count);
    }

    private SubjectSnapshot subject(String name) {
        return engine.snapshot().subjects().stream().filter(s -> s.subject().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void decidesAndCountsAMixOfMessages() throws Exception {
        publish("alerts.prod.db", "{\"summary\":\"Replication lag 47s\",\"source\":\"db-3\"}");
        publish("alerts.prod.db", "{\"summary\":\"Replication lag 51s\",\"source\":\"db-3\",\"severity\":\"warn\"}");
        publish("alerts.prod.db", "{\"summary\": \"cut");
        publish("alerts.prod.api", "5xx rate 12% on /checkout");
        publish("alerts.staging.auth", "{\"summary\":\"login errors\"}");
        publish("alerts.staging.auth", "[1,2]");
        publish("metrics.staging.auth", "{\"p99_ms\":120}");
        publish("alerts.dev.sandbox", "{\"summary\":\"nobody routes me\"}");
        publisher.flush(Duration.ofSeconds(5));
        awaitProcessed(8);
        // The counters-only reading counts what the full one counts.
        assertThat(engine.flow().processed()).isEqualTo(8).isEqualTo(engine.snapshot().processed());
        assertThat(engine.flow().ingest().received()).isEqualTo(8);

        SubjectSnapshot db = subject("alerts.prod.db");
        assertThat(db.total()).isEqualTo(3);
        assertThat(db.count(Outcome.SHADOWED)).isEqualTo(2);
        assertThat(db.count(Outcome.REJECTED)).isEqualTo(1);
        assertThat(subject("alerts.prod.api").count(Outcome.SHADOWED)).isEqualTo(1);
        assertThat(subject("alerts.staging.auth").count(Outcome.LOGGED)).isEqualTo(1);
        assertThat(subject("alerts.staging.auth").count(Outcome.REJECTED)).isEqualTo(1);
        assertThat(subject("metrics.staging.auth").count(Outcome.DROPPED)).isEqualTo(1);
        assertThat(subject("alerts.dev.sandbox").count(Outcome.LOGGED)).isEqualTo(1);

        EngineSnapshot snapshot = engine.snapshot();
        assertThat(snapshot.totals()).containsEntry(Outcome.SHADOWED, 3L).containsEntry(Outcome.LOGGED, 2L)
                .containsEntry(Outcome.REJECTED, 2L).containsEntry(Outcome.DROPPED, 1L)
                .containsEntry(Outcome.FORWARDED, 0L);
        assertThat(snapshot.ingest().received()).isEqualTo(8);
        assertThat(snapshot.ingest().overflowed()).isZero();

        List<TailEntry> tail = engine.tail("alerts.prod.db");
        assertThat(tail).extracting(TailEntry::outcome)
                .containsExactly(Outcome.SHADOWED, Outcome.SHADOWED, Outcome.REJECTED);
        assertThat(tail.get(2).reason()).startsWith("malformed JSON at line 1");
        assertThat(tail.get(0).reason()).isEqualTo("routes[0] \"alerts.prod.>\": page rendered, not sent (shadow)");

        // The audit takes the engine's counts (everything not forwarded) at the latest when the engine closes.
        engine.close();
        assertThat(auditCounts()).containsEntry("alerts.prod.db shadowed", 2L)
                .containsEntry("alerts.prod.db rejected", 1L).containsEntry("alerts.staging.auth logged", 1L)
                .containsEntry("alerts.staging.auth rejected", 1L).containsEntry("metrics.staging.auth dropped", 1L)
                .containsEntry("alerts.dev.sandbox logged", 1L).hasSize(7);
        assertThat(auditSamples()).isEqualTo(8);
    }

    private Map<String, Long> auditCounts() throws Exception {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("audit.db"));
             var rows = connection.createStatement().executeQuery(
                     "SELECT subject, outcome, sum(count) FROM subject_minutes GROUP BY subject, outcome")) {
            while (rows.next()) {
                counts.put(rows.getString(1) + " " + rows.getString(2).toLowerCase(java.util.Locale.ROOT),
                        rows.getLong(3));
            }
        }
        return counts;
    }

    private long auditSamples() throws Exception {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("audit.db"));
             var rows = connection.createStatement().executeQuery("SELECT count(*) FROM samples")) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    @Test
    void explainRendersTheExactEventWithoutCountingIt() {
        Decision decision = engine.explain("alerts.prod.db",
                "{\"summary\":\"Replication lag\",\"source\":\"db-3\"}".getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(decision.outcome()).isEqualTo(Outcome.SHADOWED);
        JsonNode body = decision.hits().get(0).eventBody();
        assertThat(body.get("event_action").asText()).isEqualTo("trigger");
        assertThat(body.get("dedup_key").asText()).isEqualTo("alerts.prod.db/db-3");
        assertThat(body.get("payload").get("severity").asText()).isEqualTo("critical");
        assertThat(body.get("routing_key").asText()).doesNotContainPattern("[0-9a-f]{32}")
                .contains("PD_ROUTING_KEY_PROD");
        assertThat(engine.snapshot().processed()).isZero();
    }

    @Test
    void hostileMessagesAreRejectedAndCountedAndTheEngineKeepsGoing() throws Exception {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        garbage[0] = (byte) 0xFE;
        publisher.publish("alerts.prod.db", garbage);
        byte[] huge = new byte[1024 * 1024];
        Arrays.fill(huge, (byte) 'x');
        publisher.publish("alerts.prod.db", huge);
        publish("alerts.prod.db", "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}");
        publish("weird." + "x".repeat(600), "{}");
        publisher.flush(Duration.ofSeconds(5));
        awaitProcessed(4);
        publish("alerts.prod.db", "{\"summary\":\"still alive\"}");
        publisher.flush(Duration.ofSeconds(5));
        awaitProcessed(5);

        SubjectSnapshot db = subject("alerts.prod.db");
        assertThat(db.count(Outcome.REJECTED)).isEqualTo(3);
        assertThat(db.count(Outcome.SHADOWED)).isEqualTo(1);
        assertThat(engine.tail("alerts.prod.db")).extracting(TailEntry::reason).containsExactly(
                "body is not valid UTF-8 (byte 0xFE at byte 0: never used in UTF-8)",
                "body is 1048576 bytes; the limit is 524288 (PagerDuty's 512 KB)",
                "JSON nested deeper than 64 levels",
                "routes[0] \"alerts.prod.>\": page rendered, not sent (shadow)");
        SubjectSnapshot invalid = subject(LiveStats.INVALID_SUBJECTS);
        assertThat(invalid.count(Outcome.REJECTED)).isEqualTo(1);
        assertThat(engine.tail(LiveStats.INVALID_SUBJECTS).get(0).reason()).contains("606").contains("512");
        assertThat(engine.snapshot().connection().state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void engineReconnectsWhenTheServerRestartsOnTheSamePort() throws Exception {
        publish("alerts.staging.db", "{}");
        publisher.flush(Duration.ofSeconds(5));
        awaitProcessed(1);

        server.stop();
        await().atMost(WAIT).until(() -> engine.snapshot().connection().state() != ConnectionState.CONNECTED);
        server.restart();
        await().atMost(WAIT).until(() -> engine.snapshot().connection().state() == ConnectionState.CONNECTED);

        publisher.close();
        publisher = Nats.connect(server.url());
        publish("alerts.staging.db", "{}");
        publisher.flush(Duration.ofSeconds(5));
        awaitProcessed(2);
        assertThat(subject("alerts.staging.db").count(Outcome.LOGGED)).isEqualTo(2);
    }
}
