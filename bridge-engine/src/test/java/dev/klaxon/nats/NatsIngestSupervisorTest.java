package dev.klaxon.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.config.NatsAuth;
import dev.klaxon.config.NatsConfig;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.natsserver.NatsServerProcess;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The background thread that owns the connection keeps going whatever a session throws. */
class NatsIngestSupervisorTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aSubscriptionTheClientRefusesIsReportedAndRetriedNotLeftConnectingForEver() throws Exception {
        // The client refuses a SUB line over its max control line with an IllegalArgumentException; lowering the
        // limit makes a valid 300-character subject hit that path, like a 4 KB subject did with the defaults.
        IngestSettings settings = IngestSettings.defaults().withRestartDelay(Duration.ofMillis(300))
                .withMaxControlLine(256);
        List<ConnectionStatus> seen = new CopyOnWriteArrayList<>();
        try (NatsServerProcess server = NatsServerProcess.start(List.of("-D"))) { // -D: logs each connection
            NatsConfig config = new NatsConfig(List.of(server.url()), List.of("alerts." + "x".repeat(293)), null,
                    new NatsAuth.None(), null);
            try (NatsIngest ingest = new NatsIngest(config, name -> null, Clock.systemUTC(),
                    (InboundMessage message) -> true, settings)) {
                ingest.onStatusChange(seen::add);
                ingest.start();

                await().atMost(WAIT).until(() -> ingest.status().state() == ConnectionState.DISCONNECTED);
                assertThat(ingest.status().detail()).contains("cannot subscribe", "Control line is too long",
                        "trying again in 300 ms");
                // and still trying: every round is a fresh connection
                long connections = connections(server);
                await().atMost(WAIT).until(() -> connections(server) >= connections + 2);
                assertThat(ingest.status().state()).isEqualTo(ConnectionState.DISCONNECTED);
            }
        }
        assertThat(seen).extracting(ConnectionStatus::state).doesNotContain(ConnectionState.CONNECTED);
    }

    private static long connections(NatsServerProcess server) {
        return server.logTail(10_000).lines().filter(line -> line.contains("Client connection created")).count();
    }
}
