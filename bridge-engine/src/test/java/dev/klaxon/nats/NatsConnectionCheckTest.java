package dev.klaxon.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.config.NatsAuth;
import dev.klaxon.config.NatsConfig;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.secret.SecretRef;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings view's "Test connection" for NATS, against a real nats-server and a port nobody listens on. */
class NatsConnectionCheckTest {
    private static final String TOKEN = "s3cret-token-value";
    private static final Map<String, String> ENV = Map.of("NATS_TOKEN", TOKEN, "WRONG_TOKEN", "not-the-token");

    private final NatsConnectionCheck check = new NatsConnectionCheck(ENV::get, Duration.ofSeconds(2),
            Clock.systemUTC());

    private static NatsConfig config(String server, NatsAuth auth) {
        return new NatsConfig(List.of(server), List.of("alerts.>"), null, auth, null);
    }

    @Test
    void connectsToARunningServerWithTheConfiguredToken() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start(List.of("--auth", TOKEN))) {
            NatsConnectionCheck.Result result = check.check(config(server.url(),
                    new NatsAuth.Token(SecretRef.env("NATS_TOKEN"))));

            assertThat(result.ok()).as(result.message()).isTrue();
            assertThat(result.message()).startsWith("connected to nats://127.0.0.1:" + server.port())
                    .contains("nats-server");
        }
    }

    @Test
    void aWrongTokenIsReportedAsRefusedCredentialsWithoutShowingAnyToken() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start(List.of("--auth", TOKEN))) {
            NatsConnectionCheck.Result result = check.check(config(server.url(),
                    new NatsAuth.Token(SecretRef.env("WRONG_TOKEN"))));

            assertThat(result.ok()).isFalse();
            assertThat(result.message()).contains("refused the credentials").doesNotContain(TOKEN)
                    .doesNotContain("not-the-token");
        }
    }

    @Test
    void aClosedPortFailsWithTheServerAndTheReason() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        NatsConnectionCheck.Result result = check.check(config("nats://127.0.0.1:" + port, null));

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).startsWith("could not connect to nats://127.0.0.1:" + port + ": ")
                .containsIgnoringCase("refused");
    }

    @Test
    void anUnsetTokenVariableIsNamedBeforeAnyConnectionIsTried() {
        NatsConnectionCheck.Result result = check.check(config("nats://127.0.0.1:1",
                new NatsAuth.Token(SecretRef.env("NOT_SET_ANYWHERE"))));

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("nats.token: environment variable NOT_SET_ANYWHERE is not set");
    }
}
