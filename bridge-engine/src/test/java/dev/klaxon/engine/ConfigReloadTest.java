package dev.klaxon.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.audit.AuditKind;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.ConfigReader;
import dev.klaxon.decision.Outcome;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.PagerDutySimulator;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload on a real nats-server and a real PagerDuty double: a new config takes effect between two messages,
 * with none dropped or decided twice, and a bad one keeps the running config, says why and is audited.
 */
class ConfigReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ROUTING_KEY = "5f1e9c2a5f1e9c2a5f1e9c2a5f1e9c2a";
    private static final String HEAD = """
            nats:
              servers: ["%s"]
              subjects: ["alerts.>"]
            pagerduty:
              events_url: "%s"
              budget_per_minute: 100000
              max_in_flight: 16
            storage:
              dir: "%s"
            """;

    @TempDir
    Path dir;
    private final Clock clock = Clock.systemUTC();
    private NatsServerProcess server;
    private PagerDutySimulator pagerDuty;
    private Connection publisher;
    private Engine engine;
    private Path configFile;

    @BeforeEach
    void start() throws Exception {
        server = NatsServerProcess.start();
        pagerDuty = PagerDutySimulator.start(clock);
        publisher = Nats.connect(server.url());
        engine = TestEngines.startConnected(dir, config("""
                  - match: "alerts.prod.>"
                    action: log
                guards:
                  dedup_window: 5m
                """), clock, Map.of("PD_KEY", ROUTING_KEY));
        configFile = dir.resolve("klaxon.yaml");
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
        publisher.close();
        pagerDuty.close();
        server.close();
    }

    private String config(String routesAndGuards) {
        return HEAD.formatted(server.url(), pagerDuty.eventsUrl(), dir.resolve("data")) + "routes:\n"
                + routesAndGuards;
    }

    private ConfigReader reader() {
        return () -> new ConfigLoader().load(configFile);
    }

    @Test
    void aNewRouteTakesEffectMidStreamWithNoMessageDroppedOrDecidedTwice() throws Exception {
        AtomicInteger published = new AtomicInteger();
        AtomicInteger stopAt = new AtomicInteger(Integer.MAX_VALUE);
        AtomicBoolean failed = new AtomicBoolean();
        // Publishes until a thousand messages after the reload returned, so the reload lands mid-stream. It keeps
        // within a thousand of what the engine processed: on a loaded CI machine an unpaced feed outran the engine,
        // and its ingest queue refused 161 of 28,800 messages (counted dropped), which is not what this test is about.
        Thread feed = new Thread(() -> {
            try {
                for (int i = 0; i < stopAt.get(); i++) {
                    publisher.publish("alerts.prod.db", ("{\"summary\":\"disk " + i + "\",\"dedup_key\":\"d" + i
                            + "\"}").getBytes(StandardCharsets.UTF_8));
                    published.incrementAndGet();
                    if (i % 100 == 99) {
                        publisher.flush(Duration.ofSeconds(5));
                        int sent = i + 1;
                        await().atMost(WAIT).until(() -> engine.summary().processed() >= sent - 1_000);
                    }
                }
                publisher.flush(Duration.ofSeconds(5));
            } catch (Exception e) {
                failed.set(true);
            }
        });
        feed.start();
        await().atMost(WAIT).until(() -> engine.summary().processed() >= 500);

        Files.writeString(configFile, config("""
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_KEY
                guards:
                  dedup_window: 10m
                """));
        ReloadResult result = engine.reload(reader());
        stopAt.set(published.get() + 1_000);
        feed.join();
        int total = published.get();

        assertThat(failed).isFalse();
        assertThat(result.applied()).as(result.describe()).isTrue();
        assertThat(result.keptUntilRestart()).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> assertThat(engine.summary().processed())
                .as(engine.summary().toString()).isEqualTo(total));
        long logged = engine.summary().total(Outcome.LOGGED);
        long forwarded = engine.summary().total(Outcome.FORWARDED);
        assertThat(logged).as("decided by the old rules").isPositive();
        assertThat(forwarded).as("decided by the new rules").isPositive();
        assertThat(logged + forwarded).as(engine.summary().toString()).isEqualTo(total);
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == forwarded);
        // The new rules decided a contiguous tail of the stream: the swap happened between two messages.
        List<Integer> paged = pagerDuty.acceptedEvents().stream()
                .map(event -> Integer.parseInt(event.get("dedup_key").asText().substring(1))).sorted().toList();
        assertThat(paged.get(0)).isEqualTo(logged);
        assertThat(paged.get(paged.size() - 1)).isEqualTo(total - 1);
        assertThat(engine.config().routes()).singleElement()
                .satisfies(rule -> assertThat(rule.action().wire()).isEqualTo("page"));
        await().atMost(WAIT).until(() -> configRows().size() == 2);
        assertThat(configRows().get(0).message()).startsWith("config reloaded: 1 route(s)");
    }

    @Test
    void aBrokenConfigKeepsTheRunningOneNamesTheLineAndIsAudited() throws Exception {
        List<ReloadResult> told = new CopyOnWriteArrayList<>();
        engine.onReload(told::add);
        Files.writeString(configFile, config("""
                  - match: "alerts.prod.>"
                    action: pag
                """));

        ReloadResult result = engine.reload(reader());

        assertThat(result.applied()).isFalse();
        assertThat(result.describe()).startsWith("config reload refused, the running config is kept: ")
                .contains("routes[0].action").contains("line 12");
        assertThat(told).containsExactly(result);
        publish("alerts.prod.db", "{\"summary\":\"still logged\"}");
        assertThat(engine.summary().total(Outcome.LOGGED)).isEqualTo(1);
        await().atMost(WAIT).until(() -> configRows().size() == 2);
        assertThat(configRows().get(0).state()).isEqualTo("error");
    }

    @Test
    void aMissingRoutingKeyIsRefusedBeforeAnythingChanges() throws Exception {
        Files.writeString(configFile, config("""
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_KEY_NOBODY_SET
                """));

        ReloadResult result = engine.reload(reader());

        assertThat(result.applied()).isFalse();
        assertThat(result.detail()).contains("PD_KEY_NOBODY_SET");
        assertThat(engine.config().routes()).singleElement()
                .satisfies(rule -> assertThat(rule.action().wire()).isEqualTo("log"));
    }

    @Test
    void aRepeatOfATriggerSentBeforeTheReloadIsStillDeduplicatedAfterIt() throws Exception {
        Files.writeString(configFile, config("""
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_KEY
                """));
        assertThat(engine.reload(reader()).applied()).isTrue();
        publish("alerts.prod.db", "{\"summary\":\"disk\",\"dedup_key\":\"same\"}");
        Files.writeString(configFile, config("""
                  - match: "alerts.staging.>"
                    action: log
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_KEY
                guards:
                  dedup_window: 30m
                """));
        assertThat(engine.reload(reader()).applied()).isTrue();

        publish("alerts.prod.db", "{\"summary\":\"disk\",\"dedup_key\":\"same\"}");

        assertThat(engine.summary().total(Outcome.FORWARDED)).isEqualTo(1);
        assertThat(engine.summary().total(Outcome.DEDUPLICATED)).isEqualTo(1);
        assertThat(engine.ruleHits()).containsExactly(0, 1);
    }

    @Test
    void natsAndStorageChangesAreNamedAsTakingEffectAtTheNextStart() throws Exception {
        Files.writeString(configFile, HEAD.formatted(server.url() + "\", \"nats://127.0.0.1:1", pagerDuty.eventsUrl(),
                dir.resolve("other")) + "routes:\n  - match: \"alerts.>\"\n    action: drop\n");

        ReloadResult result = engine.reload(reader());

        assertThat(result.applied()).as(result.describe()).isTrue();
        assertThat(result.keptUntilRestart()).containsExactly("nats", "storage");
        assertThat(result.describe()).endsWith("nats, storage changed and take effect at the next start");
        assertThat(engine.config().storage().dir()).isEqualTo(dir.resolve("data"));
    }

    private void publish(String subject, String json) throws Exception {
        long before = engine.summary().processed();
        publisher.publish(subject, json.getBytes(StandardCharsets.UTF_8));
        publisher.flush(Duration.ofSeconds(5));
        await().atMost(WAIT).until(() -> engine.summary().processed() > before);
    }

    private List<AuditRow> configRows() {
        return engine.searchAudit(AuditQuery.all().kinds(AuditKind.CONFIG));
    }
}
