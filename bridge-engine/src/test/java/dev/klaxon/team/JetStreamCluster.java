package dev.klaxon.team;

import static org.awaitility.Awaitility.await;

import dev.klaxon.natsserver.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Three nats-server processes forming one JetStream cluster on loopback, on free ports, each with its own store
 * (kept across a restart, as a real node's disk is). The shape TEAM-MODE.md gives, for tests only.
 */
final class JetStreamCluster implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(45);

    private final List<NatsServerProcess> nodes = new ArrayList<>();

    private JetStreamCluster() {
    }

    static JetStreamCluster start(Path dir) throws IOException {
        int[] clusterPorts = {freePort(), freePort(), freePort()};
        int[] clientPorts = {freePort(), freePort(), freePort()};
        String routes = java.util.Arrays.stream(clusterPorts).mapToObj(p -> "nats-route://127.0.0.1:" + p)
                .collect(Collectors.joining(", "));
        JetStreamCluster cluster = new JetStreamCluster();
        try {
            for (int i = 0; i < 3; i++) {
                Path conf = dir.resolve("n" + (i + 1) + ".conf");
                Files.writeString(conf, """
                        server_name: n%d
                        jetstream { max_memory_store: 64MB, max_file_store: 256MB }
                        cluster { name: klx, listen: 127.0.0.1:%d, routes: [%s] }
                        """.formatted(i + 1, clusterPorts[i], routes));
                cluster.nodes.add(NatsServerProcess.startOnPort(clientPorts[i], List.of("-c", conf.toString())));
            }
            cluster.awaitMetaLeader();
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    NatsServerProcess node(int index) {
        return nodes.get(index);
    }

    /** The client URLs, quoted and comma separated for a YAML flow list. */
    String yamlServers() {
        return nodes.stream().map(node -> "\"" + node.url() + "\"").collect(Collectors.joining(", "));
    }

    Options.Builder options() {
        return new Options.Builder().servers(nodes.stream().map(NatsServerProcess::url).toArray(String[]::new))
                .connectionTimeout(Duration.ofSeconds(2)).maxReconnects(-1).pingInterval(Duration.ofSeconds(2));
    }

    /** The index of the node named {@code serverName} (n1, n2, n3). */
    int indexOf(String serverName) {
        return Integer.parseInt(serverName.substring(1)) - 1;
    }

    /** Waits until the cluster has a JetStream meta leader: until then nothing can be created or stored. */
    void awaitMetaLeader() {
        await().atMost(READY).ignoreExceptions().until(() -> {
            try (Connection connection = Nats.connect(options().build())) {
                connection.jetStreamManagement().getAccountStatistics();
                return true;
            }
        });
    }

    @Override
    public void close() {
        nodes.forEach(NatsServerProcess::close);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
