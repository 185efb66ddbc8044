package dev.klaxon.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.klaxon.config.TlsConfig;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.secret.SecretRef;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every private-key form openssl writes, made by the real {@code openssl} command line, must give a client
 * certificate that a real {@code nats-server --tlsverify} accepts. Skipped only when openssl is not installed.
 */
class PemKeyFormatsTest {

    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private static NatsServerProcess server;

    @BeforeAll
    static void startMutualTlsServer() throws Exception {
        assumeTrue(TestCertificates.opensslAvailable(), "openssl is not installed: the key forms cannot be made");
        certs = TestCertificates.createAllKeyForms(dir);
        Files.writeString(dir.resolve("passphrase"), TestCertificates.PASSPHRASE + "\n");
        server = NatsServerProcess.start(List.of("--tlsverify", "--tlscert", certs.file("server.pem").toString(),
                "--tlskey", certs.file("server.key").toString(), "--tlscacert", certs.file("ca.pem").toString()));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{1} (encrypted: {2})")
    @CsvSource({
            "client.pem,       client.key,              false", // RSA PKCS#8, BEGIN PRIVATE KEY
            "client.pem,       client-pkcs1.key,        false", // RSA PKCS#1, BEGIN RSA PRIVATE KEY
            "client.pem,       client-pkcs8-aes.key,    true",  // BEGIN ENCRYPTED PRIVATE KEY, PBES2 AES-256-CBC
            "client.pem,       client-pkcs1-aes.key,    true",  // RSA PKCS#1 with Proc-Type: 4,ENCRYPTED
            "client-ec.pem,    client-ec.key,           false", // EC P-256 SEC1, BEGIN EC PRIVATE KEY
            "client-ec.pem,    client-ec-pkcs8.key,     false", // EC P-256 PKCS#8
            "client-ec.pem,    client-ec-aes.key,       true",  // EC SEC1 with Proc-Type: 4,ENCRYPTED
            "client-ec.pem,    client-ec-pkcs8-aes.key, true",  // EC PKCS#8 encrypted
            "client-p384.pem,  client-p384.key,         false", // EC P-384 SEC1
            "client-p384.pem,  client-p384-pkcs8.key,   false", // EC P-384 PKCS#8
            "client-chain.pem, client-leaf.key,         false"}) // leaf + intermediate; the server trusts the root
    void eachKeyFormGivesAClientCertificateTheServerAccepts(String cert, String key, boolean encrypted)
            throws Exception {
        SecretRef passphrase = encrypted ? SecretRef.file(dir.resolve("passphrase").toString()) : null;
        TlsConfig tls = new TlsConfig(certs.file("ca.pem"), certs.file(cert), certs.file(key), passphrase);

        try (Connection connection = connect(PemSslContext.create(tls, name -> null))) {
            connection.flush(Duration.ofSeconds(10));
            assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    @Test
    void theServerReallyDemandsAClientCertificate() {
        SSLContext caOnly = PemSslContext.create(new TlsConfig(certs.file("ca.pem"), null, null), name -> null);

        assertThatThrownBy(() -> connect(caOnly).close()).isNotNull();
    }

    private static Connection connect(SSLContext context) throws Exception {
        return Nats.connect(new Options.Builder().server(server.url()).sslContext(context).noReconnect()
                .connectionTimeout(Duration.ofSeconds(10)).build());
    }
}
