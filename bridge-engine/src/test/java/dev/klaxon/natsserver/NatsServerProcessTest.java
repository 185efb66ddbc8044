package dev.klaxon.natsserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NatsServerProcessTest {

    @Test
    void startsOnAFreeLoopbackPortAndAcceptsClients() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start()) {
            assertThat(server.isRunning()).isTrue();
            assertThat(server.url()).isEqualTo("nats://127.0.0.1:" + server.port());
            assertThat(server.directory().resolve("store")).satisfiesAnyOf(
                    path -> assertThat(path).doesNotExist(), path -> assertThat(path).isDirectory());

            assertConnects(quickOptions(server.url()));
        }
    }

    @Test
    void serverOutputGoesToItsLogFileAndItListensOnLoopbackOnly() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start(List.of("--addr", "0.0.0.0"))) {
            assertThat(server.logFile()).startsWith(server.directory());
            assertThat(Files.readString(server.logFile())).contains("Server is ready")
                    .contains("Listening for client connections on 127.0.0.1:" + server.port());
        }
    }

    @Test
    void stopEndsTheProcessAndFreesThePort() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start()) {
            server.stop();

            assertThat(server.isRunning()).isFalse();
            assertThat(accepts(server.port())).isFalse();
            server.stop(); // idempotent
        }
    }

    @Test
    void restartComesBackOnTheSamePort() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start()) {
            int port = server.port();
            server.stop();

            server.restart();

            assertThat(server.port()).isEqualTo(port);
            assertThat(server.isRunning()).isTrue();
            assertConnects(quickOptions(server.url()));
        }
    }

    @Test
    void closeStopsTheServerAndDeletesItsDirectory() throws Exception {
        NatsServerProcess server = NatsServerProcess.start();

        server.close();

        assertThat(server.isRunning()).isFalse();
        assertThat(server.directory()).doesNotExist();
        assertThat(accepts(server.port())).isFalse();
        server.close(); // idempotent
        assertThatThrownBy(server::restart).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void extraArgumentsReachTheServer() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start(List.of("--auth", "s3cret-token"))) {
            // a refused client waits out its connection timeout, so keep that one short
            assertThatThrownBy(() -> Nats.connect(new Options.Builder(quickOptions(server.url()))
                    .connectionTimeout(Duration.ofSeconds(1)).build())).isInstanceOf(IOException.class);
            assertConnects(new Options.Builder(quickOptions(server.url())).token("s3cret-token".toCharArray()).build());
        }
    }

    @Test
    void aServerThatCannotStartReportsItsLog() {
        assertThatThrownBy(() -> NatsServerProcess.start(List.of("--config", "/nonexistent/klaxon-test.conf")))
                .isInstanceOf(NatsServerStartException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("/nonexistent/klaxon-test.conf")
                .satisfies(e -> assertThat(((NatsServerStartException) e).portConflict()).isFalse());
    }

    @Test
    void aTakenPortIsReportedNotIgnored() throws Exception {
        try (NatsServerProcess first = NatsServerProcess.start()) {
            assertThatThrownBy(() -> NatsServerProcess.startOnPort(first.port(), List.of()))
                    .isInstanceOf(NatsServerStartException.class)
                    .satisfies(e -> assertThat(((NatsServerStartException) e).portConflict()).isTrue());
            assertThat(first.isRunning()).isTrue();
        }
    }

    private static Options quickOptions(String url) {
        // a silent error listener: the refused connection below is expected, not worth a SEVERE log line
        return new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(10)).noReconnect()
                .errorListener(new ErrorListener() { }).build();
    }

    private static void assertConnects(Options options) throws Exception {
        Connection connection = Nats.connect(options);
        try {
            assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        } finally {
            connection.close();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aServerWhoseOwnerDiedWithoutStoppingItIsStoppedByTheNextStart() throws Exception {
        try (NatsServerProcess orphan = NatsServerProcess.start()) {
            long serverPid = orphan.pid();
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            // As if the JVM that started it had been killed: its recorded owner is a process that has ended.
            Files.writeString(orphan.directory().resolve(StaleServers.OWNER_FILE), Long.toString(gone.pid()));

            try (NatsServerProcess next = NatsServerProcess.start()) {
                assertThat(next.isRunning()).isTrue();
                ProcessHandle.of(serverPid).ifPresent(handle -> handle.onExit().join());
                assertThat(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false))
                        .as("the orphan is stopped").isFalse();
                assertThat(orphan.directory()).as("and its directory deleted").doesNotExist();
                assertThat(next.directory()).as("a live owner's server is left alone").exists();
            }
        }
    }
}
