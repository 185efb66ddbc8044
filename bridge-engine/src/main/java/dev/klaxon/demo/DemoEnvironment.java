package dev.klaxon.demo;

import dev.klaxon.config.ConfigException;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.PagerDutySimulator;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything {@code --demo} needs besides the engine: a local nats-server child process, a simulated PagerDuty on
 * loopback, a demo config pointing at both, and the synthetic feed publishing into the server. {@link #close()}
 * stops all of it and deletes its files; the caller creates (and closes, first) the engine from {@link #config()}.
 */
public final class DemoEnvironment implements AutoCloseable {

    /**
     * Fixed so demo runs and screenshots look alike (timestamps still follow the clock). This seed was picked
     * because its first malformed message comes in the first second and all five kinds within six seconds, so a
     * viewer (and a test) sees rejections early.
     */
    public static final long DEFAULT_SEED = 42L;

    /** A made-up Events v2 routing key for the simulated PagerDuty: 32 characters, as PagerDuty's are. */
    static final String ROUTING_KEY = "demo0simulated0pagerduty0key0001";

    private final NatsServerProcess server;
    private final PagerDutySimulator pagerDuty;
    private final Path directory;
    private final Path configFile;
    private final KlaxonConfig config;
    private final Connection publisher;
    private final SyntheticFeed feed;
    private boolean closed;

    private DemoEnvironment(NatsServerProcess server, PagerDutySimulator pagerDuty, Path directory, Path configFile,
                            KlaxonConfig config, Connection publisher, SyntheticFeed feed) {
        this.server = server;
        this.pagerDuty = pagerDuty;
        this.directory = directory;
        this.configFile = configFile;
        this.config = config;
        this.publisher = publisher;
        this.feed = feed;
    }

    /** Starts the demo on the system clock with the default seed. */
    public static DemoEnvironment start() throws IOException {
        return start(Clock.systemUTC(), DEFAULT_SEED);
    }

    /**
     * Starts a nats-server (a {@link dev.klaxon.natsserver.NatsServerNotFoundException} says how to install one),
     * writes and loads the demo config, and starts the feed. On any failure, whatever already started is stopped.
     */
    public static DemoEnvironment start(Clock clock, long seed) throws IOException {
        // With JetStream: the demo runs in team mode, this console its team's only member and sender.
        NatsServerProcess server = NatsServerProcess.start(List.of("-js"));
        PagerDutySimulator pagerDuty = null;
        Path directory = null;
        Connection publisher = null;
        try {
            pagerDuty = PagerDutySimulator.start(clock);
            directory = Files.createTempDirectory("klaxon-demo-");
            Path configFile = directory.resolve("klaxon-demo.yaml");
            String yaml = demoConfigYaml(server.url(), directory.resolve("storage"), pagerDuty,
                    secret(directory.resolve("routing-key"), ROUTING_KEY),
                    secret(directory.resolve("pagerduty-token"), PagerDutySimulator.API_TOKEN));
            Files.writeString(configFile, yaml, StandardCharsets.UTF_8);
            KlaxonConfig config = new ConfigLoader().parse(yaml, configFile);
            publisher = Nats.connect(new Options.Builder()
                    .server(server.url())
                    .connectionName("klaxon-demo-feed")
                    .maxReconnects(-1)
                    .build());
            SyntheticFeed feed = SyntheticFeed.start(publisher, clock, seed);
            return new DemoEnvironment(server, pagerDuty, directory, configFile, config, publisher, feed);
        } catch (ConfigException e) {
            cleanUp(server, pagerDuty, directory, publisher);
            // The demo config is ours: if it does not load, that is a bug, not a user error.
            throw new IllegalStateException("the built-in demo config does not load: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            cleanUp(server, pagerDuty, directory, publisher);
            throw e;
        } catch (InterruptedException e) {
            cleanUp(server, pagerDuty, directory, publisher);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to the demo nats-server", e);
        }
    }

    /** A secret file as real configs keep them: readable by its owner only. */
    private static Path secret(Path file, String value) throws IOException {
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the temp directory is the user's own already
        }
        return file;
    }

    /**
     * The demo's config: production alerts page the simulated PagerDuty for real, through the guards (silences,
     * dedup, flood state), so incidents appear and can be acknowledged, resolved, escalated, snoozed and noted;
     * staging renders shadow events; metrics are logged. It runs in team mode (the server has JetStream), with this
     * console as the team's only member, so the Team view and the message ids show. The flood guard is set low
     * enough that the feed's flood trips it.
     */
    static String demoConfigYaml(String natsUrl, Path storageDir, PagerDutySimulator pagerDuty, Path routingKeyFile,
                                 Path tokenFile) {
        return """
                # Klaxon demo config, written by --demo. PagerDuty here is a simulated one on loopback
                # (%s): production alerts page it for real, through the guards (silences, dedup, flood
                # state); staging renders shadow events; metrics are logged.
                nats:
                  servers: ["%s"]
                  subjects: ["alerts.>", "metrics.>"]
                  # Team mode: every alert is kept in a JetStream stream; this console is the sender.
                  jetstream: { stream: KLAXON_ALERTS, consumer: klaxon-pager, max_age: 1h, role: sender }
                pagerduty:
                  events_url: "%s"
                  api_url: "%s"
                  api_token_file: "%s"
                  from_email: "%s"
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_file: "%s"
                    severity: critical
                    dedup_key: "{subject}/{source}"
                  - match: "alerts.staging.>"
                    action: page
                    shadow: true
                    severity: warning
                  - match: "metrics.>"
                    action: log
                guards:
                  dedup_window: 5m
                  flood: { per_subject: 30/1m, per_routing_key: 100/1m }
                """.formatted(pagerDuty.baseUrl(), natsUrl, pagerDuty.eventsUrl(), pagerDuty.apiUrl(),
                path(tokenFile), PagerDutySimulator.USER_EMAIL, path(storageDir), path(routingKeyFile));
    }

    private static String path(Path path) {
        return path.toString().replace("\\", "/");
    }

    /** The simulated PagerDuty the demo's production route pages: its incidents and what it received. */
    public PagerDutySimulator pagerDuty() {
        return pagerDuty;
    }

    public KlaxonConfig config() {
        return config;
    }

    /** The config file as written (kept for the user to look at while the demo runs; deleted on close). */
    public Path configFile() {
        return configFile;
    }

    public String natsUrl() {
        return server.url();
    }

    public SyntheticFeed feed() {
        return feed;
    }

    /** Stops the feed, its connection and the nats-server, and deletes the demo's files. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        feed.close();
        cleanUp(server, pagerDuty, directory, publisher);
    }

    private static void cleanUp(NatsServerProcess server, PagerDutySimulator pagerDuty, Path directory,
                                Connection publisher) {
        if (publisher != null) {
            try {
                publisher.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        server.close();
        if (pagerDuty != null) {
            pagerDuty.close();
        }
        if (directory != null) {
            deleteRecursively(directory);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp directory is harmless; failing close() over it would not be
        }
    }
}
