package dev.klaxon.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.config.NatsAuth;
import dev.klaxon.config.NatsConfig;
import dev.klaxon.secret.SecretRef;
import io.nats.client.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the client options read at each (re)connect rather than once. */
class NatsOptionsFactoryTest {

    @TempDir
    Path dir;

    @Test
    void theTokenIsReadAgainAtEachConnectAndAMissingFileKeepsTheLastOne() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("nats-token"), "token-A\n");
        Options options = options(new NatsAuth.Token(SecretRef.file(tokenFile.toString())));
        assertThat(options.getTokenChars()).isEqualTo("token-A".toCharArray());

        Files.writeString(tokenFile, "token-B\n");
        assertThat(options.getTokenChars()).isEqualTo("token-B".toCharArray());

        // a rotation caught between delete and write: the client goes on with what it read last
        Files.delete(tokenFile);
        assertThat(options.getTokenChars()).isEqualTo("token-B".toCharArray());
        Files.writeString(tokenFile, "token-C");
        assertThat(options.getTokenChars()).isEqualTo("token-C".toCharArray());
    }

    private static Options options(NatsAuth auth) {
        NatsConfig config = new NatsConfig(List.of("nats://127.0.0.1:1"), List.of("alerts.>"), null, auth, null);
        return new NatsOptionsFactory(config, name -> null, IngestSettings.defaults()).build(
                (connection, event) -> { }, new io.nats.client.ErrorListener() { });
    }
}
