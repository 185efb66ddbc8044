package dev.klaxon.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.JetStreamConfig;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineOptions;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.PagerDutySimulator;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumer;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.klaxon.simulator.Fault;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Team mode on one real JetStream server with real engines and the PagerDuty double: what is stored in the stream is
 * paged once, acknowledged only after PagerDuty's 202, and a stale redelivered trigger never reopens an incident.
 */
class TeamModeEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ROUTING_KEY = "TEAMKEYTEAMKEYTEAMKEYTEAMKEYTEAM";

    @TempDir
    Path dir;
    private NatsServerProcess server;
    private PagerDutySimulator pagerDuty;
    private Connection client;
    private final List<Engine> engines = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Path store = Files.createDirectories(dir.resolve("js"));
        server = NatsServerProcess.start(List.of("-js", "--store_dir", store.toString()));
        pagerDuty = PagerDutySimulator.start();
        client = Nats.connect(server.url());
    }

    @AfterEach
    void stop() throws Exception {
        engines.forEach(Engine::close);
        client.close();
        pagerDuty.close();
        server.close();
    }

    @Test
    void pagesWhatTheStreamHoldsWithItsMessageIdAndAcknowledgesAfterThe202() throws Exception {
        Engine engine = startEngine("a", JetStreamConfig.Role.SENDER);
        awaitSender(engine);
        publish("alerts.prod.db", "{\"summary\":\"disk full\",\"dedup_key\":\"db-1\"}");
        publish("alerts.prod.api", "{\"summary\":\"api down\"}");

        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 2);
        // different dedup_keys are sent side by side, so their order at the double is not fixed
        JsonNode first = byDedupKey("db-1");
        JsonNode klaxon = first.path("payload").path("custom_details").path("klaxon");
        assertThat(klaxon.path("msg_id").asText()).isEqualTo("KLAXON_ALERTS:1");
        assertThat(klaxon.path("stream_seq").asLong()).isEqualTo(1);
        assertThat(klaxon.path("sender").asText()).isEqualTo(engine.team().status().member());
        assertThat(byDedupKey("alerts.prod.api").path("payload").path("custom_details").path("klaxon")
                .path("msg_id").asText())
                .as("without a key or template the subject stays the dedup_key, so a redelivery keeps it")
                .isEqualTo("KLAXON_ALERTS:2");
        await().atMost(WAIT).until(() -> pagerInfo().getNumAckPending() == 0 && pagerInfo().getNumPending() == 0);
    }

    @Test
    void alertsStoredWhileNoMemberRunsArePagedWhenOneStarts() throws Exception {
        Engine first = startEngine("a", JetStreamConfig.Role.SENDER);
        awaitSender(first);
        first.close();
        engines.remove(first);
        for (int i = 0; i < 5; i++) {
            publish("alerts.prod.db", "{\"summary\":\"while away\",\"dedup_key\":\"away-" + i + "\"}");
        }
        assertThat(pagerDuty.acceptedEvents()).isEmpty();

        Engine second = startEngine("b", JetStreamConfig.Role.SENDER);
        awaitSender(second);
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 5);
        assertThat(pagerDuty.acceptedEvents()).extracting(event -> event.path("dedup_key").asText())
                .containsExactlyInAnyOrder("away-0", "away-1", "away-2", "away-3", "away-4");
    }

    @Test
    void aRedeliveredTriggerOlderThanTheSentResolveIsSupersededNotSent() throws Exception {
        Engine setup = startEngine("a", JetStreamConfig.Role.SENDER);
        awaitSender(setup);
        setup.close();
        engines.remove(setup);

        publish("alerts.prod.db", "{\"summary\":\"disk full\",\"dedup_key\":\"db-9\"}");
        // A sender that pulled the trigger and died before its ack: the server redelivers it after ack_wait.
        ConsumerContext pager = client.getStreamContext("KLAXON_ALERTS").getConsumerContext("klaxon-pager");
        try (FetchConsumer fetch = pager.fetchMessages(1)) {
            Message held = fetch.nextMessage();
            assertThat(held).isNotNull();
        }
        publish("alerts.prod.db", "{\"event_action\":\"resolve\",\"dedup_key\":\"db-9\"}");

        Engine engine = startEngine("b", JetStreamConfig.Role.SENDER);
        awaitSender(engine);
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 1);
        assertThat(pagerDuty.acceptedEvents().get(0).path("event_action").asText()).isEqualTo("resolve");

        await().atMost(WAIT).until(() -> superseded(engine).size() == 1);
        assertThat(superseded(engine).get(0).message()).contains("a newer event of this dedup_key (stream seq 2");
        await().atMost(WAIT).until(() -> pagerInfo().getNumAckPending() == 0);
        assertThat(pagerDuty.acceptedEvents()).hasSize(1);
    }

    /**
     * A sender whose lease lapses while PagerDuty fails has decided triggers it never sent; when it takes the lease
     * back and the stream redelivers them, its own dedup window must not swallow them as "already sent".
     */
    @Test
    void triggersDecidedButNeverSentArePagedWhenTheSameMemberTakesTheLeaseBack() throws Exception {
        Engine engine = startEngine("a", JetStreamConfig.Role.AUTO);
        awaitSender(engine);
        pagerDuty.startOutage(Fault.serverError(503));
        for (int i = 0; i < 5; i++) {
            publish("alerts.prod.db", "{\"summary\":\"disk\",\"dedup_key\":\"lapse-" + i + "\"}");
        }
        await().atMost(WAIT).until(() -> pagerDuty.received().size() >= 5);

        engine.team().handOver("tester").get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> superseded(engine).size() == 5);
        pagerDuty.endOutage();
        engine.team().takeSender("tester").get(10, TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 5);
        assertThat(pagerDuty.acceptedEvents()).extracting(event -> event.path("dedup_key").asText())
                .containsExactlyInAnyOrder("lapse-0", "lapse-1", "lapse-2", "lapse-3", "lapse-4");
        await().atMost(WAIT).until(() -> pagerInfo().getNumAckPending() == 0 && pagerInfo().getNumPending() == 0);
        assertThat(pagerDuty.acceptedEvents()).hasSize(5);
    }

    private JsonNode byDedupKey(String dedupKey) {
        return pagerDuty.acceptedEvents().stream().filter(event -> dedupKey.equals(event.path("dedup_key").asText()))
                .findFirst().orElse(null);
    }

    private List<AuditRow> superseded(Engine engine) {
        return engine.searchAudit(new AuditQuery(null, null, null, null, null, 100)).stream()
                .filter(row -> "superseded".equals(row.state()))
                .toList();
    }

    private ConsumerInfo pagerInfo() throws Exception {
        return client.jetStreamManagement().getConsumerInfo("KLAXON_ALERTS", "klaxon-pager");
    }

    private void publish(String subject, String body) throws Exception {
        client.jetStream().publish(subject, body.getBytes(StandardCharsets.UTF_8));
    }

    private void awaitSender(Engine engine) {
        await().atMost(WAIT).until(() -> engine.team().status().sending());
    }

    private Engine startEngine(String name, JetStreamConfig.Role role) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        Path configFile = home.resolve("klaxon.yaml");
        Files.writeString(configFile, """
                nats:
                  servers: ["%s"]
                  subjects: ["alerts.>"]
                pagerduty:
                  events_url: "%s"
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_ROUTING_KEY
                    severity: critical
                """.formatted(server.url(), pagerDuty.eventsUrl(), home.resolve("data")));
        KlaxonConfig loaded = new ConfigLoader().load(configFile);
        JetStreamConfig team = new JetStreamConfig("KLAXON_ALERTS", "klaxon-pager", true, 1, Duration.ofDays(1),
                Duration.ofSeconds(2), role, JetStreamConfig.DEFAULT_LATE_JOIN);
        KlaxonConfig config = new KlaxonConfig(loaded.nats().withJetStream(team), loaded.pagerduty(),
                loaded.storage(), loaded.routes(), loaded.guards(), loaded.source());
        Engine engine = Engine.create(config, Clock.systemUTC(), EngineOptions.defaults()
                .withEnvironment(Map.of("PD_ROUTING_KEY", ROUTING_KEY)::get).asHeadless());
        engines.add(engine);
        engine.start();
        return engine;
    }
}
