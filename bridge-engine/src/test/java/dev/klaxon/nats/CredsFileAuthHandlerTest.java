package dev.klaxon.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.testing.SpecialFiles;
import io.nats.client.NKey;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The creds file is read at every connect, through the same checks as every secret file. */
class CredsFileAuthHandlerTest {

    @TempDir
    Path dir;

    @Test
    void aRotatedCredsFileIsUsedAtTheNextConnect() throws Exception {
        Path creds = dir.resolve("bridge.creds");
        NKey first = NKey.createUser(null);
        NKey second = NKey.createUser(null);
        Files.writeString(creds, credsText("first.jwt.value", first));
        CredsFileAuthHandler handler = new CredsFileAuthHandler(creds);
        handler.check();
        assertThat(handler.getJWT()).isEqualTo("first.jwt.value".toCharArray());
        assertThat(handler.getID()).isEqualTo(first.getPublicKey());

        Files.writeString(creds, credsText("second.jwt.value", second));

        assertThat(handler.getJWT()).isEqualTo("second.jwt.value".toCharArray());
        assertThat(handler.getID()).isEqualTo(second.getPublicKey());
        byte[] nonce = "nonce".getBytes();
        assertThat(second.verify(nonce, handler.sign(nonce))).isTrue();
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCredsFileSwappedForAFifoIsRefusedNotWaitedOn() throws Exception {
        Path creds = SpecialFiles.fifo(dir.resolve("bridge.creds"));

        assertThatThrownBy(() -> new CredsFileAuthHandler(creds).getJWT())
                .isInstanceOf(NatsSetupException.class)
                .hasMessage("nats.creds_file " + creds + ": is a FIFO, not a regular file");
    }

    @Test
    void aFileWithoutCredentialsIsNamedWithoutItsContent() throws Exception {
        Path creds = Files.writeString(dir.resolve("bridge.creds"), "SUAnotreallyaseed hunter2\n");

        assertThatThrownBy(() -> new CredsFileAuthHandler(creds).check())
                .isInstanceOf(NatsSetupException.class)
                .hasMessageStartingWith("nats.creds_file " + creds + ": holds no")
                .message().doesNotContain("hunter2");
    }

    private static String credsText(String jwt, NKey user) throws Exception {
        return "-----BEGIN NATS USER JWT-----\n" + jwt + "\n------END NATS USER JWT------\n\n"
                + "************************* IMPORTANT *************************\n\n"
                + "-----BEGIN USER NKEY SEED-----\n" + new String(user.getSeed()) + "\n------END USER NKEY SEED------\n";
    }
}
