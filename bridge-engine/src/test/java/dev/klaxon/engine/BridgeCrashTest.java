package dev.klaxon.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.Fault;
import dev.klaxon.simulator.PagerDutySimulator;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless bridge as a real child JVM, killed with SIGKILL while PagerDuty is down: after a restart every
 * event it had accepted (committed to the outbox) reaches PagerDuty, each dedup_key's events in order.
 */
class BridgeCrashTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ROUTING_KEY = "CRASHTESTKEYCRASHTESTKEYCRASHTES";
    private static final int KEYS = 20;

    @TempDir
    Path dir;
    private final List<Process> bridges = new ArrayList<>();

    @AfterEach
    void killBridges() {
        bridges.forEach(Process::destroyForcibly);
    }

    @Test
    void killedWhilePagerDutyIsDownLosesNothingItAccepted() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start();
             PagerDutySimulator pagerDuty = PagerDutySimulator.start();
             Connection publisher = Nats.connect(server.url())) {
            pagerDuty.startOutage(Fault.serverError(503));
            Path config = writeConfig(server.url(), pagerDuty.eventsUrl().toString());

            Process first = startBridge(config, "first.log");
            awaitConnected("first.log");
            for (int i = 0; i < KEYS; i++) {
                publish(publisher, "{\"summary\":\"disk full\",\"dedup_key\":\"host-" + i + "\"}");
                publish(publisher, "{\"event_action\":\"resolve\",\"dedup_key\":\"host-" + i + "\"}");
            }
            publisher.flush(Duration.ofSeconds(5));
            await().atMost(WAIT).until(() -> committedEvents() == 2 * KEYS);
            first.destroyForcibly().waitFor();
            assertThat(first.exitValue()).isEqualTo(137);
            assertThat(pagerDuty.acceptedEvents()).isEmpty();

            pagerDuty.endOutage();
            startBridge(config, "second.log");
            await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() >= 2 * KEYS);

            Map<String, List<String>> actionsByKey = new LinkedHashMap<>();
            for (JsonNode event : pagerDuty.acceptedEvents()) {
                actionsByKey.computeIfAbsent(event.get("dedup_key").asText(), k -> new ArrayList<>())
                        .add(event.get("event_action").asText());
            }
            assertThat(actionsByKey).hasSize(KEYS);
            assertThat(actionsByKey.values()).allSatisfy(actions ->
                    assertThat(actions).containsExactly("trigger", "resolve"));
        }
    }

    private Path writeConfig(String natsUrl, String eventsUrl) throws IOException {
        Path config = dir.resolve("klaxon.yaml");
        Files.writeString(config, """
                nats:
                  servers: ["%s"]
                  subjects: ["alerts.>"]
                pagerduty:
                  events_url: "%s"
                  retry: { base: 100ms, cap: 1s }
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_ROUTING_KEY_PROD
                """.formatted(natsUrl, eventsUrl, dir.resolve("data")));
        return config;
    }

    private Process startBridge(Path config, String log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.klaxon.cli.Main", "run", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile());
        builder.environment().put("PD_ROUTING_KEY_PROD", ROUTING_KEY);
        Process process = builder.start();
        bridges.add(process);
        return process;
    }

    private void awaitConnected(String log) {
        await().atMost(WAIT).until(() -> Files.exists(dir.resolve(log))
                && Files.readString(dir.resolve(log)).contains("nats connected"));
    }

    private static void publish(Connection publisher, String json) {
        publisher.publish("alerts.prod.disk", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the child's outbox the way any other process may: committed rows only (WAL readers). */
    private long committedEvents() throws Exception {
        Path db = dir.resolve("data").resolve("outbox.db");
        if (!Files.exists(db)) {
            return 0;
        }
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             var statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM events")) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }
}
