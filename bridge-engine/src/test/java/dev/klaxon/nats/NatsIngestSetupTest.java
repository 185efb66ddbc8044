package dev.klaxon.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.config.NatsAuth;
import dev.klaxon.config.NatsConfig;
import dev.klaxon.secret.SecretRef;
import dev.klaxon.testing.SpecialFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Settings that cannot work fail at start, with a message naming the setting, never a secret. */
class NatsIngestSetupTest {

    private static final String SERVER = "nats://127.0.0.1:1";

    @TempDir
    Path dir;

    @Test
    void aMissingTokenVariableIsNamed() {
        NatsIngest ingest = ingest(config(new NatsAuth.Token(SecretRef.env("NATS_TOKEN")), "alerts.>"), Map.of());

        assertThatThrownBy(ingest::start)
                .isInstanceOf(NatsSetupException.class)
                .hasMessage("nats.token: environment variable NATS_TOKEN is not set");
        assertThat(ingest.status().state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(ingest.status().detail()).isEqualTo("nats.token: environment variable NATS_TOKEN is not set");
        ingest.close();
        assertThat(ingest.status().state()).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    void aPasswordFileThatCannotBeReadIsNamed() {
        Path missing = dir.resolve("password");
        NatsIngest ingest = ingest(config(new NatsAuth.UserPassword("bridge", SecretRef.file(missing.toString())),
                "alerts.>"), Map.of());

        assertThatThrownBy(ingest::start)
                .isInstanceOf(NatsSetupException.class)
                .hasMessage("nats.password: secret file " + missing + " cannot be read (NoSuchFileException)");
        ingest.close();
    }

    @Test
    void aMissingCredsFileIsNamed() {
        Path missing = dir.resolve("bridge.creds");
        NatsIngest ingest = ingest(config(new NatsAuth.CredsFile(missing), "alerts.>"), Map.of());

        assertThatThrownBy(ingest::start)
                .isInstanceOf(NatsSetupException.class)
                .hasMessage("nats.creds_file " + missing + " cannot be read");
        ingest.close();
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSeedFileThatIsAFifoIsRefusedNotWaitedOn() throws Exception {
        Path seed = SpecialFiles.fifo(dir.resolve("user.nk"));
        NatsIngest ingest = ingest(config(new NatsAuth.NKeySeedFile(seed), "alerts.>"), Map.of());

        assertThatThrownBy(ingest::start)
                .isInstanceOf(NatsSetupException.class)
                .hasMessage("nats.nkey_seed_file " + seed + ": is a FIFO, not a regular file");
        ingest.close();
    }

    @Test
    void aSeedFileWithoutASeedIsNamedWithoutShowingItsContent() throws Exception {
        Path seed = Files.writeString(dir.resolve("user.nk"), "not-a-seed-but-private\n");
        NatsIngest ingest = ingest(config(new NatsAuth.NKeySeedFile(seed), "alerts.>"), Map.of());

        assertThatThrownBy(ingest::start)
                .isInstanceOf(NatsSetupException.class)
                .hasMessage("nats.nkey_seed_file " + seed + ": holds no NKey seed");
        ingest.close();
    }

    @Test
    void aCorruptSeedIsRefusedWithoutShowingIt() throws Exception {
        String corrupt = "SUAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        Path seed = Files.writeString(dir.resolve("user.nk"), corrupt + "\n");
        NatsIngest ingest = ingest(config(new NatsAuth.NKeySeedFile(seed), "alerts.>"), Map.of());

        assertThatThrownBy(ingest::start)
                .isInstanceOf(NatsSetupException.class)
                .hasMessageStartingWith("nats.nkey_seed_file " + seed + ":")
                .message().doesNotContain(corrupt);
        ingest.close();
    }

    @Test
    void anInvalidSubjectIsNamed() {
        NatsIngest ingest = ingest(config(new NatsAuth.None(), "alerts. bad"), Map.of());

        assertThatThrownBy(ingest::start)
                .isInstanceOf(NatsSetupException.class)
                .hasMessage("nats.subjects: \"alerts. bad\" is not a valid subject");
        ingest.close();
    }

    @Test
    void noSubjectsIsAnError() {
        NatsIngest ingest = ingest(new NatsConfig(List.of(SERVER), List.of(), null, new NatsAuth.None(), null),
                Map.of());

        assertThatThrownBy(ingest::start).isInstanceOf(NatsSetupException.class)
                .hasMessage("nats.subjects: at least one subject is needed");
        ingest.close();
    }

    @Test
    void anInvalidServerUrlIsNamedWithoutItsCredentials() {
        NatsIngest ingest = ingest(new NatsConfig(List.of("nats://bridge:hunter2@bad host:4222"), List.of("a"), null,
                new NatsAuth.None(), null), Map.of());

        assertThatThrownBy(ingest::start)
                .isInstanceOf(NatsSetupException.class)
                .hasMessageStartingWith("nats.servers: ")
                .message().doesNotContain("hunter2");
        ingest.close();
    }

    @Test
    void startTwiceOrAfterCloseIsAProgrammingError() {
        NatsIngest ingest = ingest(config(new NatsAuth.None(), "alerts.>"), Map.of());
        ingest.start();

        assertThatThrownBy(ingest::start).isInstanceOf(IllegalStateException.class);
        ingest.close();
        assertThatThrownBy(ingest::start).isInstanceOf(IllegalStateException.class);
        assertThat(ingest.status().state()).isEqualTo(ConnectionState.CLOSED);
    }

    private static NatsIngest ingest(NatsConfig config, Map<String, String> env) {
        return new NatsIngest(config, env::get, Clock.systemUTC(), message -> true);
    }

    private static NatsConfig config(NatsAuth auth, String subject) {
        return new NatsConfig(List.of(SERVER), List.of(subject), null, auth, null);
    }
}
