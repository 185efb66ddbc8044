package dev.klaxon.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.klaxon.config.TlsConfig;
import dev.klaxon.secret.SecretRef;
import dev.klaxon.testing.SpecialFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class PemSslContextTest {

    @TempDir
    Path dir;

    @Test
    void aCertificateNeedsItsKeyAndTheOtherWayRound() {
        assertThatThrownBy(() -> create(new TlsConfig(null, dir.resolve("c.pem"), null)))
                .isInstanceOf(NatsSetupException.class)
                .hasMessage("nats.tls: cert_file and key_file must be given together");
        assertThatThrownBy(() -> create(new TlsConfig(null, null, dir.resolve("k.pem"))))
                .isInstanceOf(NatsSetupException.class);
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing-ca.pem");

        assertThatThrownBy(() -> create(new TlsConfig(missing, null, null)))
                .isInstanceOf(NatsSetupException.class)
                .hasMessage("nats.tls.ca_file " + missing + " cannot be read (NoSuchFileException)");
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCaFileThatIsAFifoIsRefusedNotWaitedOn() throws Exception {
        Path fifo = SpecialFiles.fifo(dir.resolve("ca.pem"));

        assertThatThrownBy(() -> create(new TlsConfig(fifo, null, null)))
                .isInstanceOf(NatsSetupException.class)
                .hasMessage("nats.tls.ca_file " + fifo + " is a FIFO, not a regular file");
    }

    @Test
    void aFileThatIsNotPemIsNamed() throws Exception {
        Path garbage = Files.writeString(dir.resolve("ca.pem"), "hello");

        assertThatThrownBy(() -> create(new TlsConfig(garbage, null, null)))
                .isInstanceOf(NatsSetupException.class)
                .hasMessage("nats.tls.ca_file " + garbage + " is not a PEM file (no -----BEGIN block)");
    }

    @Test
    void aCaFileWithoutCertificatesIsRefused() throws Exception {
        Path keyOnly = Files.writeString(dir.resolve("ca.pem"),
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> create(new TlsConfig(keyOnly, null, null)))
                .isInstanceOf(NatsSetupException.class)
                .hasMessageEndingWith("holds no CERTIFICATE block");
    }

    @Test
    void keyErrorsNeverShowTheKey() throws Exception {
        assumeTrue(TestCertificates.opensslAvailable(), "openssl is not installed");
        TestCertificates certs = TestCertificates.create(dir);
        String keyText = Files.readString(certs.file("client.key"));
        String keyBody = keyText.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();

        assertThatThrownBy(() -> create(new TlsConfig(null, certs.file("client.pem"),
                certs.file("client-encrypted.key"))))
                .isInstanceOf(NatsSetupException.class)
                .hasMessageStartingWith("nats.tls.key_file " + certs.file("client-encrypted.key") + " is encrypted:"
                        + " give its passphrase with nats.tls.key_password_file or nats.tls.key_password_env")
                .hasMessageContaining("openssl pkey");
        // a key block that is not a key: the parser's own message could quote it, so only its kind is shown
        Path broken = Files.writeString(dir.resolve("broken.key"), "-----BEGIN RSA PRIVATE KEY-----\n"
                + keyBody + "\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> create(new TlsConfig(null, certs.file("client.pem"), broken)))
                .isInstanceOf(NatsSetupException.class)
                .hasMessageStartingWith("nats.tls.key_file " + broken + " holds a key that cannot be read (")
                .message().doesNotContain(keyBody);
        // a key file given as the certificate: the error names the file and says what is missing, nothing more
        assertThatThrownBy(() -> create(new TlsConfig(null, certs.file("client.key"),
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
            assertThat(create(new TlsConfig(certs.file("ca.pem"), certs.file(pair[0]),
                    certs.file(pair[1])))).as(pair[1]).isNotNull();
        }
    }

    @Test
    void anEncryptedKeyWithTheWrongPassphraseNamesBothSettingsAndNeverTheSecret() throws Exception {
        assumeTrue(TestCertificates.opensslAvailable(), "openssl is not installed");
        TestCertificates certs = TestCertificates.createAllKeyForms(dir);
        Path wrong = Files.writeString(dir.resolve("wrong-passphrase"), "not-the-passphrase\n");

        for (String key : new String[] {"client-pkcs8-aes.key", "client-pkcs1-aes.key"}) {
            assertThatThrownBy(() -> create(new TlsConfig(null, certs.file("client.pem"), certs.file(key),
                    SecretRef.file(wrong.toString()))))
                    .as(key)
                    .isInstanceOf(NatsSetupException.class)
                    .hasMessage("nats.tls.key_file " + certs.file(key) + " cannot be decrypted with the passphrase"
                            + " from nats.tls.key_password_file (is it the right one?)")
                    .message().doesNotContain("not-the-passphrase");
        }
    }

    @Test
    void aPassphraseFromAnUnsetVariableIsNamed() throws Exception {
        assumeTrue(TestCertificates.opensslAvailable(), "openssl is not installed");
        TestCertificates certs = TestCertificates.createAllKeyForms(dir);

        assertThatThrownBy(() -> create(new TlsConfig(null, certs.file("client-ec.pem"),
                certs.file("client-ec-aes.key"), SecretRef.env("KLAXON_KEY_PASSPHRASE"))))
                .isInstanceOf(NatsSetupException.class)
                .hasMessage("nats.tls.key_password_env: environment variable KLAXON_KEY_PASSPHRASE is not set");
        assertThat(PemSslContext.create(new TlsConfig(null, certs.file("client-ec.pem"),
                certs.file("client-ec-aes.key"), SecretRef.env("KLAXON_KEY_PASSPHRASE")),
                name -> name.equals("KLAXON_KEY_PASSPHRASE") ? TestCertificates.PASSPHRASE : null)).isNotNull();
    }

    private static SSLContext create(TlsConfig tls) {
        return PemSslContext.create(tls, name -> null);
    }
}
