package dev.klaxon.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.klaxon.config.NatsAuth;
import dev.klaxon.config.NatsConfig;
import dev.klaxon.config.TlsConfig;
import dev.klaxon.natsserver.NatsServerProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TLS from PEM files against a real nats-server; certificates are made with openssl (skipped without it). */
class NatsIngestTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final IngestSettings FAST = IngestSettings.defaults()
            .withReconnectWait(Duration.ofMillis(50), Duration.ofMillis(250))
            .withConnectionTimeout(Duration.ofSeconds(5));

    @TempDir
    static Path dir;
    private static TestCertificates certs;

    private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        assumeTrue(TestCertificates.opensslAvailable(), "openssl is not installed");
        certs = TestCertificates.create(dir);
    }

    @AfterEach
    void closeEverything() throws Exception {
        while (!cleanup.isEmpty()) {
            cleanup.pop().close();
        }
    }

    @ParameterizedTest(name = "client key {1}")
    @CsvSource({
            "client.pem, client.key",
            "client.pem, client-pkcs1.key",
            "client-ec.pem, client-ec.key",
            "client-ec.pem, client-ec-pkcs8.key"})
    void mutualTlsWithEachKeyFormat(String cert, String key) throws Exception {
        NatsServerProcess server = server(List.of("--tlsverify", "--tlscert", certs.file("server.pem").toString(),
                "--tlskey", certs.file("server.key").toString(), "--tlscacert", certs.file("ca.pem").toString()));
        TlsConfig tls = new TlsConfig(certs.file("ca.pem"), certs.file(cert), certs.file(key));
        RecordingSink sink = new RecordingSink();
        NatsIngest ingest = ingest(server, tls, sink);

        await().atMost(WAIT).until(() -> ingest.status().state() == ConnectionState.CONNECTED);

        publisher(server, tls).publishAndFlush("alerts.tls", "over tls");
        await().atMost(WAIT).until(() -> sink.received("over tls"));
    }

    @Test
    void aCaFileAloneVerifiesTheServer() throws Exception {
        NatsServerProcess server = server(List.of("--tls", "--tlscert", certs.file("server.pem").toString(),
                "--tlskey", certs.file("server.key").toString()));
        TlsConfig tls = new TlsConfig(certs.file("ca.pem"), null, null);
        RecordingSink sink = new RecordingSink();
        NatsIngest ingest = ingest(server, tls, sink);

        await().atMost(WAIT).until(() -> ingest.status().state() == ConnectionState.CONNECTED);

        publisher(server, tls).publishAndFlush("alerts.tls", "server verified");
        await().atMost(WAIT).until(() -> sink.received("server verified"));
    }

    @Test
    void aServerSignedByAnotherCaIsNeverTrusted() throws Exception {
        NatsServerProcess server = server(List.of("--tls", "--tlscert", certs.file("server.pem").toString(),
                "--tlskey", certs.file("server.key").toString()));
        StatusRecorder recorder = new StatusRecorder();
        NatsIngest ingest = new NatsIngest(config(server, new TlsConfig(certs.file("other-ca.pem"), null, null)),
                name -> null, Clock.systemUTC(), new RecordingSink(), FAST);
        cleanup.push(ingest);
        ingest.onStatusChange(recorder);
        ingest.start();

        await().atMost(WAIT).until(() -> !ingest.status().detail().equals("starting"));
        await().during(Duration.ofSeconds(1)).atMost(WAIT)
                .until(() -> recorder.states().equals(List.of(ConnectionState.CONNECTING)));
        assertThat(ingest.status().detail()).containsAnyOf("PKIX", "certificate", "SSL", "handshake");
    }

    private NatsServerProcess server(List<String> args) throws Exception {
        NatsServerProcess server = NatsServerProcess.start(args);
        cleanup.push(server);
        return server;
    }

    private NatsIngest ingest(NatsServerProcess server, TlsConfig tls, RecordingSink sink) {
        NatsIngest ingest = new NatsIngest(config(server, tls), name -> null, Clock.systemUTC(), sink, FAST);
        cleanup.push(ingest);
        ingest.start();
        return ingest;
    }

    private TestPublisher publisher(NatsServerProcess server, TlsConfig tls) throws Exception {
        TestPublisher publisher = TestPublisher.connect(server.url(),
                builder -> builder.sslContext(PemSslContext.create(tls, name -> null)));
        cleanup.push(publisher);
        return publisher;
    }

    private static NatsConfig config(NatsServerProcess server, TlsConfig tls) {
        return new NatsConfig(List.of(server.url()), List.of("alerts.>"), null, new NatsAuth.None(), tls);
    }
}
