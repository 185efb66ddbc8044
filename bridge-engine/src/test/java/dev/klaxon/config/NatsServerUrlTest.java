package dev.klaxon.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NatsServerUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"nats://127.0.0.1:4222", "nats://nats.example", "tls://nats.example:4443",
        "ws://nats.example:8080", "wss://nats.example/ws", "NATS://Nats.Example:4222", "localhost:4222",
        "nats_1:4222", "nats://[::1]:4222", "[fe80::1]:4222"})
    void acceptsNatsUrlsAndHostPort(String server) {
        assertThat(NatsServerUrl.problem(server)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "nats://", ":4222", "localhost:0", "localhost:65536", "localhost:http",
        "localhost:4222/path", "nats://host name:4222", "nats://[::1:4222", "::1:4222"})
    void refusesAnythingElse(String server) {
        assertThat(NatsServerUrl.problem(server)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nats://klaxon:pa55word@nats.example:4222", "klaxon:pa55word@nats.example:4222",
        "nats://tok3n@nats.example"})
    void refusesCredentialsWithoutRepeatingThem(String server) {
        assertThat(NatsServerUrl.problem(server)).get().asString()
                .startsWith("credentials in a server URL are not allowed")
                .doesNotContain("pa55word").doesNotContain("tok3n");
    }
}
