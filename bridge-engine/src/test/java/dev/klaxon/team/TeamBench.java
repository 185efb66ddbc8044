package dev.klaxon.team;

import static org.awaitility.Awaitility.await;

import dev.klaxon.config.ConfigLoader;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineOptions;
import dev.klaxon.simulator.PagerDutySimulator;
import io.nats.client.Connection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Engines of one team in one test JVM, each with its own storage and member name, on the NATS servers and the
 * PagerDuty double a test gives. Closes what it started.
 */
final class TeamBench implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String ROUTING_KEY = "TEAMKEYTEAMKEYTEAMKEYTEAMKEYTEAM";

    private final Path dir;
    private final String servers;
    private final PagerDutySimulator pagerDuty;
    private final List<Engine> engines = new ArrayList<>();
    private String jetstream = "{ ack_wait: 2s }";
    private String auth = "";
    private String password = "";
    private String guards = "";
    private String signingSecret;

    TeamBench(Path dir, String servers, PagerDutySimulator pagerDuty) {
        this.dir = dir;
        this.servers = servers;
        this.pagerDuty = pagerDuty;
    }

    /** The {@code nats.jetstream} section (flow style) for engines started from now on. */
    TeamBench jetstream(String section) {
        this.jetstream = section;
        return this;
    }

    /** A {@code guards:} section (block style, without the key) for engines started from now on. */
    TeamBench guards(String section) {
        this.guards = "guards:\n" + section;
        return this;
    }

    /** The route requires a Klaxon-Signature under {@code secret} (KLAXON_SIGNING_SECRET) from now on. */
    TeamBench signing(String secret) {
        this.signingSecret = secret;
        return this;
    }

    /** NATS authentication keys for engines started from now on, and the password their NATS_PASSWORD holds. */
    TeamBench auth(String keys, String natsPassword) {
        this.auth = "\n  " + keys;
        this.password = natsPassword;
        return this;
    }

    Engine start(String member, String role, boolean headless) throws Exception {
        Path home = Files.createDirectories(dir.resolve(member));
        Path configFile = home.resolve("klaxon.yaml");
        String section = jetstream.replace("}", (jetstream.contains(":") ? ", " : "") + "role: " + role + " }");
        Files.writeString(configFile, """
                nats:
                  servers: [%s]
                  subjects: ["alerts.>"]
                  jetstream: %s%s
                pagerduty:
                  events_url: "%s"
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_ROUTING_KEY
                    severity: critical
                """.formatted(servers, section, auth, pagerDuty.eventsUrl(), home.resolve("data"))
                + (signingSecret == null ? "" : "    require_signature: { secret_env: KLAXON_SIGNING_SECRET }\n")
                + guards);
        EngineOptions options = EngineOptions.defaults().withEnvironment(Map.of("PD_ROUTING_KEY", ROUTING_KEY,
                        "NATS_PASSWORD", password, "KLAXON_SIGNING_SECRET",
                        signingSecret == null ? "" : signingSecret)::get)
                .withMember(member);
        Engine engine = Engine.create(new ConfigLoader().load(configFile), Clock.systemUTC(),
                headless ? options.asHeadless() : options);
        engines.add(engine);
        engine.start();
        return engine;
    }

    void stop(Engine engine) {
        engine.close();
        engines.remove(engine);
    }

    static void awaitSender(Engine engine) {
        await().atMost(WAIT).until(() -> engine.team().status().sending());
    }

    static void publish(Connection client, String subject, String body) throws Exception {
        client.jetStream().publish(subject, body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        new ArrayList<>(engines).forEach(Engine::close);
        engines.clear();
    }
}
