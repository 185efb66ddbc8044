package dev.klaxon.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.klaxon.config.TlsConfig;
import dev.klaxon.testing.SpecialFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class PemSslContextTest {

    @TempDir
    Path dir;

    @Test
    void aCertificateNeedsItsKeyAndTheOtherWayRound() {
        assertThatThrownBy(() -> PemSslContext.create(new TlsConfig(null, dir.resolve("c.pem"), null)))
                .isInstanceOf(NatsSetupException.class)
                .hasMessage("nats.tls: cert_file and key_file must be given together");
        assertThatThrownBy(() -> PemSslContext.create(new TlsConfig(null, null, dir.resolve("k.pem"))))
                .isInstanceOf(NatsSetupException.class);
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing-ca.pem");

        assertThatThrownBy(() -> PemSslContext.create(new TlsConfig(missing, null, null)))
                .isInstanceOf(NatsSetupException.class)
                .hasMessage("nats.tls.ca_file " + missing + " cannot be read (NoSuchFileException)");
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCaFileThatIsAFifoIsRefusedNotWaitedOn() throws Exception {
        Path fifo = SpecialFiles.fifo(dir.resolve("ca.pem"));

        assertThatThrownBy(() -> PemSslContext.create(new TlsConfig(fifo, null, null)))
                .isInstanceOf(NatsSetupException.class)
                .hasMessage("nats.tls.ca_file " + fifo + " is a FIFO, not a regular file");
    }

    @Test
    void aFileThatIsNotPemIsNamed() throws Exception {
        Path garbage = Files.writeString(dir.resolve("ca.pem"), "hello");

        assertThatThrownBy(() -> PemSslContext.create(new TlsConfig(garbage, null, null)))
                .isInstanceOf(NatsSetupException.class)
                .hasMessage("nats.tls.ca_file " + garbage + " is not a PEM file (no -----BEGIN block)");
    }

    @Test
    void aCaFileWithoutCertificatesIsRefused() throws Exception {
        Path keyOnly = Files.writeString(dir.resolve("ca.pem"),
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> PemSslContext.create(new TlsConfig(keyOnly, null, null)))
                .isInstanceOf(NatsSetupException.class)
                .hasMessageEndingWith("holds no CERTIFICATE block");
    }

    @Test
    void keyErrorsNeverShowTheKey() throws Exception {
        assumeTrue(TestCertificates.opensslAvailable(), "openssl is not installed");
        TestCertificates certs = TestCertificates.create(dir);
        String keyText = Files.readString(certs.file("client.key"));
        String keyBody = keyText.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();

        assertThatThrownBy(() -> PemSslContext.create(new TlsConfig(null, certs.file("client.pem"),
                certs.file("client-encrypted.key"))))
                .isInstanceOf(NatsSetupException.class)
                .hasMessageContaining("is encrypted")
                .hasMessageContaining("openssl pkey");
        // a key file given as the certificate: the error names the file and says what is missing, nothing more
        assertThatThrownBy(() -> PemSslContext.create(new TlsConfig(null, certs.file("client.key"),
                certs.file("client.key"))))
                .isInstanceOf(NatsSetupException.class)
                .hasMessageEndingWith("holds no CERTIFICATE block")
                .message().doesNotContain(keyBody);
    }

    @Test
    void buildsAContextFromEachSupportedKeyForm() throws Exception {
        assumeTrue(TestCertificates.opensslAvailable(), "openssl is not installed");
        TestCertificates certs = TestCertificates.create(dir);

        for (String[] pair : new String[][] {{"client.pem", "client.key"}, {"client.pem", "client-pkcs1.key"},
                {"client-ec.pem", "client-ec.key"}, {"client-ec.pem", "client-ec-pkcs8.key"}}) {
            assertThat(PemSslContext.create(new TlsConfig(certs.file("ca.pem"), certs.file(pair[0]),
                    certs.file(pair[1])))).as(pair[1]).isNotNull();
        }
    }
}
