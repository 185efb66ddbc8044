package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.natsserver.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private static final String ROUTING_KEY = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return run(new CountDownLatch(0), args);
    }

    private int run(CountDownLatch stop, String... args) {
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("PD_ROUTING_KEY_PROD", ROUTING_KEY)::get, home, Clock.systemUTC());
        return Main.execute(List.of(args), context, stop);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path writeConfig(String natsUrl) throws Exception {
        Path config = home.resolve("klaxon.yaml");
        Files.writeString(config, """
                nats:
                  servers: ["%s"]
                  subjects: ["alerts.>"]
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_ROUTING_KEY_PROD
                    severity: critical
                    dedup_key: "{subject}/{source}"
                  - match: "alerts.staging.>"
                    action: log
                """.formatted(natsUrl));
        return config;
    }

    @Test
    void helpAndVersion() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("Usage: java -jar klaxon-bridge.jar", "rules test SUBJECT", "Exit codes");
        out.reset();
        assertThat(run("--version")).isZero();
        assertThat(out()).startsWith("klaxon-bridge ").doesNotContain("unknown");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("launch")).isEqualTo(2);
        assertThat(err()).contains("error: unknown command \"launch\"");
        assertThat(run("rules", "test")).isEqualTo(2);
        assertThat(err()).contains("rules test needs exactly one SUBJECT");
        assertThat(run("run", "--bogus", "x")).isEqualTo(2);
        assertThat(err()).contains("unknown option --bogus");
    }

    @Test
    void missingConfigSaysHowToCreateOne() {
        assertThat(run("run")).isEqualTo(2);
        assertThat(err()).contains("no config at " + home.resolve(".config/klaxon/klaxon.yaml"), "config init");
    }

    @Test
    void configInitWritesADefaultThatChecksClean() {
        assertThat(run("config", "init")).isZero();
        Path written = home.resolve(".config/klaxon/klaxon.yaml");
        assertThat(written).exists();
        assertThat(out()).contains("wrote the default config to " + written);

        assertThat(run("config", "check")).isZero();
        assertThat(out()).contains("is valid", "routes[0]");

        assertThat(run("config", "init")).isZero();
        assertThat(out()).contains("left unchanged");
    }

    @Test
    void configErrorsNameKeyAndLineAndExitWithTwo() throws Exception {
        Path config = home.resolve("bad.yaml");
        Files.writeString(config, """
                nats:
                  servers: ["nats://127.0.0.1:4222"]
                routes:
                  - match: "alerts..db"
                    action: log
                """);
        assertThat(run("config", "check", "--config", config.toString())).isEqualTo(2);
        assertThat(err()).contains("routes[0].match: empty token in \"alerts..db\" (line 4)");
    }

    @Test
    void runRefusesToStartWhenALivePageRouteHasNoUsableRoutingKey() throws Exception {
        Path config = home.resolve("keys.yaml");
        Path shortKey = home.resolve("short-key");
        Files.writeString(shortKey, "tooshort\n");
        Files.writeString(config, """
                nats:
                  servers: ["nats://127.0.0.1:4222"]
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_NOT_SET
                  - match: "alerts.db.>"
                    action: page
                    routing_key_file: short-key
                  - match: "alerts.test.>"
                    action: page
                    shadow: true
                    routing_key_env: PD_ALSO_NOT_SET
                  - match: "deploys.>"
                    action: change
                    routing_key_file: ruleset-key
                  - match: "alerts.pay.>"
                    action: log
                    require_signature: { secret_env: KLAXON_SIGNING_SECRET }
                """);
        Files.writeString(home.resolve("ruleset-key"), "R" + "0".repeat(31));
        assertThat(run("run", "--config", config.toString())).isEqualTo(2);
        assertThat(err()).contains(
                "routes[0].routing_key_env: environment variable PD_NOT_SET is not set (line 4)",
                "routes[1].routing_key_file: the routing key is 8 characters; PagerDuty integration keys are 32 "
                        + "(line 7)",
                "routes[3].routing_key_file: this looks like an event ruleset key (it starts with \"R\"); PagerDuty "
                        + "refuses change events sent to ruleset keys: use a service's integration key (line 14)",
                "routes[4].require_signature.secret_env: environment variable KLAXON_SIGNING_SECRET is not set "
                        + "(line 17)")
                .doesNotContain("tooshort").doesNotContain("PD_ALSO_NOT_SET");
    }

    @Test
    void rulesTestShowsTheRuleTheActionAndTheMaskedBody() throws Exception {
        Path config = writeConfig("nats://127.0.0.1:4222");
        int code = run("rules", "test", "alerts.prod.db", "--payload",
                "{\"summary\":\"Replication lag 47s\",\"source\":\"db-3\"}", "--config", config.toString());

        assertThat(code).isZero();
        assertThat(out()).contains(
                "decision: forwarded",
                "matched:  routes[0] \"alerts.prod.>\" (line 5)",
                "action:   page",
                "\"dedup_key\" : \"alerts.prod.db/db-3\"",
                "\"summary\" : \"Replication lag 47s\"",
                "\"severity\" : \"critical\"",
                "PD_ROUTING_KEY_PROD");
        assertThat(out() + err()).doesNotContain(ROUTING_KEY);
    }

    @Test
    void rulesTestExplainsRejections() throws Exception {
        Path config = writeConfig("nats://127.0.0.1:4222");
        assertThat(run("rules", "test", "alerts.prod.db", "--payload", "[1]", "--config", config.toString())).isZero();
        assertThat(out()).contains("decision: rejected", "JSON array");
    }

    @Test
    void runLogsPerOutcomeNotPerMessageAndStopsCleanly() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start()) {
            Path config = writeConfig(server.url());
            CountDownLatch stop = new CountDownLatch(1);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                    () -> run(stop, "run", "--config", config.toString()));
            await().atMost(Duration.ofSeconds(30)).until(() -> out().contains("nats connected"));

            try (Connection publisher = Nats.connect(server.url())) {
                for (int i = 0; i < 500; i++) {
                    publisher.publish("alerts.staging.db", ("{\"summary\":\"n" + i + "\"}").getBytes());
                }
                publisher.flush(Duration.ofSeconds(5));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> out().contains("logged"));
            stop.countDown();
            assertThat(exit.get(30, TimeUnit.SECONDS)).as(err()).isZero();

            String log = out();
            long loggedLines = log.lines().filter(line -> line.contains(" logged ")).count();
            assertThat(loggedLines).isBetween(1L, 10L);
            assertThat(log).contains("stopped; totals").contains("LOGGED=500");
        }
    }
}
