package dev.klaxon.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.decision.Outcome;
import dev.klaxon.guard.PayloadMatcher;
import dev.klaxon.guard.SilenceRequest;
import dev.klaxon.natsserver.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One crafted message against a silence with a backtracking-prone regex, through the real engine: the messages behind
 * it must still be decided at once (the engine has one processing thread, so a slow match stalls everything).
 */
class HostileSilenceMatchEndToEndTest {
    private static final String ROUTING_KEY = "5f1e9c2a5f1e9c2a5f1e9c2a5f1e9c2a";

    @TempDir
    Path dir;
    private NatsServerProcess server;
    private Engine engine;
    private Connection publisher;

    @AfterEach
    void stop() throws Exception {
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

    @Test
    void messagesBehindAHostileOneAreDecidedPromptly() throws Exception {
        server = NatsServerProcess.start();
        engine = TestEngines.startConnected(dir, """
                nats:
                  servers: ["%s"]
                  subjects: ["alerts.>"]
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_ROUTING_KEY_PROD
                guards:
                  shadow: true
                """.formatted(server.url(), dir.resolve("data")), Clock.systemUTC(),
                Map.of("PD_ROUTING_KEY_PROD", ROUTING_KEY));
        engine.addSilence(SilenceRequest.of("alerts.prod.>", Duration.ofHours(1), "noisy batch job")
                .withMatchers(List.of(PayloadMatcher.parse("source=~(a+)+$")))).get();
        publisher = Nats.connect(server.url());

        // 400,000 'a' and a '!': java.util.regex backtracks for about 18 minutes on this one
        publish("alerts.prod.batch", "{\"summary\":\"hostile\",\"source\":\"" + "a".repeat(400_000) + "!\"}");
        for (int i = 0; i < 50; i++) {
            publish("alerts.prod.db", "{\"summary\":\"lag\",\"source\":\"db-3\",\"dedup_key\":\"lag-" + i + "\"}");
        }
        publish("alerts.prod.batch", "{\"summary\":\"batch late\",\"source\":\"aaaa\"}");
        publisher.flush(Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(5)).until(() -> engine.summary().processed() >= 52);
        assertThat(count("alerts.prod.db", Outcome.SHADOWED)).isEqualTo(50);
        assertThat(count("alerts.prod.batch", Outcome.SHADOWED)).as("the hostile one: no match, so it pages")
                .isEqualTo(1);
        assertThat(count("alerts.prod.batch", Outcome.SILENCED)).isEqualTo(1);
    }

    private void publish(String subject, String json) {
        publisher.publish(subject, json.getBytes(StandardCharsets.UTF_8));
    }

    private long count(String subject, Outcome outcome) {
        return engine.snapshot().subjects().stream().filter(s -> s.subject().equals(subject))
                .mapToLong(s -> s.count(outcome)).sum();
    }
}
