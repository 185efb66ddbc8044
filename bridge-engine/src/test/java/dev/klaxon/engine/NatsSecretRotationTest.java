package dev.klaxon.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.nats.ConnectionState;
import dev.klaxon.nats.ConnectionStatus;
import dev.klaxon.natsserver.NatsServerProcess;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A NATS secret rotated on disk while the bridge runs: the server restarts with the new secret on the same port and
 * the bridge must get back in with what the file says now, not with what it read at start.
 */
class NatsSecretRotationTest {

    @TempDir
    Path dir;
    private NatsServerProcess server;
    private Engine engine;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopAll() {
        watcher.shutdownNow();
        if (engine != null) {
            engine.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRotatedTokenFileIsReadAgainAtTheNextReconnect() throws Exception {
        Path serverConfig = dir.resolve("nats-server.conf");
        Files.writeString(serverConfig, "authorization { token: \"token-A\" }\n");
        Path tokenFile = Files.writeString(dir.resolve("nats-token"), "token-A\n");
        server = NatsServerProcess.start(List.of("-c", serverConfig.toString()));
        engine = TestEngines.startConnected(dir, """
                nats:
                  servers: ["%s"]
                  subjects: ["alerts.>"]
                  token_file: nats-token
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.>"
                    action: log
                """.formatted(server.url(), dir.resolve("storage")), Clock.systemUTC(), Map.of());
        publishAs("token-A", "before");
        await().atMost(TestEngines.WAIT).until(() -> engine.summary().processed() >= 1);

        // the rotation: the file first (as a secret manager would), then the server
        Files.writeString(tokenFile, "token-B\n");
        Files.writeString(serverConfig, "authorization { token: \"token-B\" }\n");
        List<ConnectionStatus> seen = watchConnection();
        server.restart();

        await().atMost(TestEngines.WAIT).until(() -> engine.summary().connection().state() == ConnectionState.CONNECTED
                && server.isRunning());
        publishAs("token-B", "after");
        await().atMost(TestEngines.WAIT).until(() -> engine.summary().processed() >= 2);
        // the client itself reconnected with the new token: it never gave up on the old one and started afresh
        assertThat(seen).extracting(ConnectionStatus::detail).noneMatch(detail -> detail.contains("trying again"));
    }

    @Test
    void aRotatedPasswordFileIsReadByAFreshClientAsSoonAsTheServerIsGone() throws Exception {
        Path serverConfig = dir.resolve("nats-server.conf");
        Files.writeString(serverConfig, "authorization { user: klaxon, password: \"password-A\" }\n");
        Path passwordFile = Files.writeString(dir.resolve("nats-password"), "password-A\n");
        server = NatsServerProcess.start(List.of("-c", serverConfig.toString()));
        engine = TestEngines.startConnected(dir, """
                nats:
                  servers: ["%s"]
                  subjects: ["alerts.>"]
                  user: klaxon
                  password_file: nats-password
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.>"
                    action: log
                """.formatted(server.url(), dir.resolve("storage")), Clock.systemUTC(), Map.of());

        // rotated on disk while the server still takes the old password: the connected client is left alone
        Files.writeString(passwordFile, "password-B\n");
        publishAsKlaxon("password-A", "before");
        await().atMost(TestEngines.WAIT).until(() -> engine.summary().processed() >= 1);
        assertThat(engine.summary().connection().state()).isEqualTo(ConnectionState.CONNECTED);

        Files.writeString(serverConfig, "authorization { user: klaxon, password: \"password-B\" }\n");
        List<ConnectionStatus> seen = watchConnection();
        long restarted = System.nanoTime();
        server.restart();

        // jnats 2.26 reads a password once per client: a fresh client takes over as soon as the old one lost its
        // server, well before the old one would have given up (two refusals) plus the 15 s restart delay
        await().atMost(TestEngines.WAIT).until(() -> engine.summary().connection().state() == ConnectionState.CONNECTED
                && !seen.isEmpty() && seen.get(seen.size() - 1).state() == ConnectionState.CONNECTED
                && seen.stream().anyMatch(status -> status.state() != ConnectionState.CONNECTED));
        double seconds = (System.nanoTime() - restarted) / 1e9;
        assertThat(seconds).as("seconds from the server restart to connected again").isLessThan(5);
        assertThat(seen).extracting(ConnectionStatus::detail).noneMatch(detail -> detail.contains("trying again"));
        publishAsKlaxon("password-B", "after");
        await().atMost(TestEngines.WAIT).until(() -> engine.summary().processed() >= 2);
    }

    /** Every status the engine shows from now on, sampled often enough to see a 15 s give-up pause. */
    private List<ConnectionStatus> watchConnection() {
        List<ConnectionStatus> seen = new CopyOnWriteArrayList<>();
        watcher.scheduleAtFixedRate(() -> seen.add(engine.summary().connection()), 0, 50, TimeUnit.MILLISECONDS);
        return seen;
    }

    private void publishAsKlaxon(String password, String body) throws Exception {
        try (Connection publisher = Nats.connect(new Options.Builder().server(server.url())
                .userInfo("klaxon", password).connectionTimeout(Duration.ofSeconds(10)).build())) {
            publisher.publish("alerts.rotation", body.getBytes(StandardCharsets.UTF_8));
            publisher.flush(Duration.ofSeconds(10));
        }
    }

    private void publishAs(String token, String body) throws Exception {
        try (Connection publisher = Nats.connect(new Options.Builder().server(server.url()).token(token.toCharArray())
                .connectionTimeout(Duration.ofSeconds(10)).build())) {
            publisher.publish("alerts.rotation", body.getBytes(StandardCharsets.UTF_8));
            publisher.flush(Duration.ofSeconds(10));
        }
    }
}
