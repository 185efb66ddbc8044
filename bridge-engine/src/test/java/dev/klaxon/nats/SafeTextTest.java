package dev.klaxon.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void masksCredentialsInServerUrls() {
        assertThat(SafeText.of("Unable to connect to NATS servers: [nats://bridge:hunter2@nats-1:4222, "
                + "tls://s3cr3t-token@nats-2:4222]"))
                .isEqualTo("Unable to connect to NATS servers: [nats://***@nats-1:4222, tls://***@nats-2:4222]")
                .doesNotContain("hunter2").doesNotContain("s3cr3t-token");
        assertThat(SafeText.url("nats://user:pw@host:4222")).isEqualTo("nats://***@host:4222");
        assertThat(SafeText.url("nats://127.0.0.1:4222")).isEqualTo("nats://127.0.0.1:4222");
        assertThat(SafeText.url(null)).isNull();
    }

    @Test
    void makesOneShortLine() {
        assertThat(SafeText.of("first\nsecond\t third  ")).isEqualTo("first second third");
        assertThat(SafeText.of("x".repeat(500))).hasSize(200).endsWith("…");
        assertThat(SafeText.of((String) null)).isEmpty();
    }

    @Test
    void describesExceptionsByMessageOrType() {
        assertThat(SafeText.of(new ConnectException("Connection refused"))).isEqualTo("Connection refused");
        assertThat(SafeText.of(new TimeoutException())).isEqualTo("TimeoutException");
    }
}
