package dev.klaxon.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.decision.Outcome;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.stats.LiveStats;
import dev.klaxon.stats.SubjectSnapshot;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose operator raised {@code max_control_line} lets publishers use subjects longer than the 4 KB the NATS
 * client accepts by default. Such a message used to make the client drop the connection (and everything buffered
 * behind it); now it arrives and is rejected as an absurd subject like any other.
 */
class LongSubjectEndToEndTest {
    private static final int NORMAL = 1_200;
    private static final int LONG = 5;

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
    void fiveMessagesOnA4200CharacterSubjectAreCountedAndTheOthersAllDecided() throws Exception {
        Path serverConfig = dir.resolve("nats-server.conf");
        Files.writeString(serverConfig, "max_control_line: 16384\n");
        server = NatsServerProcess.start(List.of("-c", serverConfig.toString()));
        engine = TestEngines.startConnected(dir, """
                nats:
                  servers: ["%s"]
                  subjects: ["alerts.>"]
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.>"
                    action: log
                """.formatted(server.url(), dir.resolve("data")), Clock.systemUTC(), Map.of());
        // the publisher needs the raised limit as well, or its own client refuses to send the long subject
        publisher = Nats.connect(new Options.Builder().server(server.url()).maxControlLine(16_384).build());
        String longSubject = "alerts.prod." + "x".repeat(4_200 - 12);

        for (int i = 0; i < NORMAL; i++) {
            publisher.publish("alerts.prod.db", ("{\"summary\":\"lag " + i + "\"}").getBytes(StandardCharsets.UTF_8));
            if (i % 240 == 100) {
                publisher.publish(longSubject, "{\"summary\":\"long\"}".getBytes(StandardCharsets.UTF_8));
            }
        }
        publisher.flush(Duration.ofSeconds(10));

        await().atMost(TestEngines.WAIT).until(() -> engine.summary().processed() >= NORMAL + LONG);
        EngineSnapshot snapshot = engine.snapshot();
        assertThat(subject(snapshot, "alerts.prod.db").count(Outcome.LOGGED)).isEqualTo(NORMAL);
        SubjectSnapshot invalid = subject(snapshot, LiveStats.INVALID_SUBJECTS);
        assertThat(invalid.count(Outcome.REJECTED)).isEqualTo(LONG);
        assertThat(engine.tail(LiveStats.INVALID_SUBJECTS).get(0).reason())
                .isEqualTo("subject is 4200 characters long; the limit is 512");
        assertThat(snapshot.ingest().received()).isEqualTo(NORMAL + LONG);
        assertThat(snapshot.ingest().clientDropped()).isZero();
        assertThat(snapshot.connection().detail()).doesNotContain("Control line", "Gather");
    }

    private static SubjectSnapshot subject(EngineSnapshot snapshot, String name) {
        return snapshot.subjects().stream().filter(s -> s.subject().equals(name)).findFirst().orElseThrow();
    }
}
