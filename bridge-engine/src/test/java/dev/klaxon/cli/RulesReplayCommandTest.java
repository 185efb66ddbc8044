package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.audit.AuditKind;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.decision.Outcome;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineOptions;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.PagerDutySimulator;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.api.PublishAck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rules replay} over 10,000 alerts a live sender decided on a real JetStream server: the current rules
 * reproduce the live decisions exactly, a changed rule shows exactly the pages it removes, and nothing is sent.
 */
class RulesReplayCommandTest {
    private static final int ALERTS = 10_000;
    private static final String ROUTES = """
            routes:
            %s  - match: "alerts.prod.>"
                action: page
                routing_key_env: PD_ROUTING_KEY
                severity: critical
              - match: "alerts.staging.>"
                action: log
            """;

    @TempDir
    Path dir;
    private NatsServerProcess server;
    private PagerDutySimulator pagerDuty;
    private Connection client;
    private Engine live;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        server = NatsServerProcess.start(List.of("-js", "--store_dir", Files.createDirectories(dir.resolve("js"))
                .toString()));
        pagerDuty = PagerDutySimulator.start();
        client = Nats.connect(server.url());
    }

    @AfterEach
    void stop() throws Exception {
        if (live != null) {
            live.close();
        }
        client.close();
        pagerDuty.close();
        server.close();
    }

    @Test
    void theCurrentRulesReproduceTheLiveDecisionsAndAChangedRuleShowsThePagesItRemoves() throws Exception {
        Path current = config("current.yaml", "");
        live = Engine.create(new ConfigLoader().load(current), Clock.systemUTC(), EngineOptions.defaults()
                .withEnvironment(Map.of("PD_ROUTING_KEY", "REPLAYKEYREPLAYKEYREPLAYKEYREPLA")::get).asHeadless());
        live.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> live.team().status().sending());
        publishAlerts();
        await().atMost(Duration.ofSeconds(120)).until(() -> live.summary().processed() == ALERTS);
        await().atMost(Duration.ofSeconds(60)).until(() -> pagerDuty.acceptedEvents().size() == 70);
        int requestsBefore = pagerDuty.received().size();
        await().atMost(Duration.ofSeconds(30)).until(() -> live.searchAudit(AuditQuery.all()
                .kinds(AuditKind.FORWARDED)).size() == 70);

        long started = System.nanoTime();
        assertThat(run("rules", "replay", "--since", "1h", "--current", current.toString(), "--config",
                current.toString(), "--format", "jsonl")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("rules replay of %,d stored alerts: %.1f s (%,.0f alerts/s, both configs)%n", ALERTS,
                seconds, ALERTS / seconds);
        JsonNode same = lastLine();
        assertThat(same.path("messages").asLong()).isEqualTo(ALERTS);
        assertThat(same.path("by_route").size()).as("the same rules: a diff of zero").isZero();
        for (Outcome outcome : Outcome.values()) {
            assertThat(same.path("current").path(outcome.label()).asLong()).as("live vs replayed " + outcome.label())
                    .isEqualTo(live.summary().total(outcome));
        }
        assertThat(same.path("audit").toString()).as("beside what the audit says was sent")
                .isEqualTo("{\"sent\":70,\"current\":70,\"candidate\":70,\"candidate_unsent\":0}");

        Path candidate = config("candidate.yaml", """
                  - match: "alerts.prod.api"
                    action: log
                """);
        assertThat(run("rules", "replay", "--since", "1h", "--current", current.toString(), "--config",
                candidate.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("replayed 10,000 message(s) of stream KLAXON_ALERTS")
                .contains("pages: 0 added, 30 removed, 0 changed")
                .contains("routes[0] \"alerts.prod.>\"")
                .containsPattern("forwarded +70 +40")
                .contains("what was really sent (this member's audit): 70 page(s); the current rules send 70 of "
                        + "them again, the candidate 40, and 0 the audit has no record of")
                .containsPattern("removed +alerts\\.prod\\.api +current: pages .* +sent: pages trigger api-");
        assertThat(pagerDuty.received()).as("a replay never sends").hasSize(requestsBefore);
        assertThat(client.jetStreamManagement().getConsumerInfo("KLAXON_ALERTS", "klaxon-pager").getNumPending())
                .as("nor touches the team's consumer").isZero();
    }

    /** A quarter each on two paged subjects (40 and 30 dedup_keys, repeated), half on a logged one. */
    private void publishAlerts() throws Exception {
        JetStream js = client.jetStream();
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
        for (int i = 0; i < ALERTS; i++) {
            String subject;
            String key;
            switch (i % 4) {
                case 0 -> {
                    subject = "alerts.prod.db";
                    key = "db-" + (i / 4) % 40;
                }
                case 1 -> {
                    subject = "alerts.prod.api";
                    key = "api-" + (i / 4) % 30;
                }
                default -> {
                    subject = "alerts.staging.web";
                    key = "web-" + i;
                }
            }
            acks.add(js.publishAsync(subject, ("{\"summary\":\"alert " + i + "\",\"dedup_key\":\"" + key + "\"}")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
    }

    private Path config(String name, String extraRoutes) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, """
                nats:
                  servers: ["%s"]
                  subjects: ["alerts.>"]
                  jetstream: { ack_wait: 5s }
                pagerduty:
                  events_url: "%s"
                  budget_per_minute: 1000
                storage:
                  dir: "%s"
                """.formatted(server.url(), pagerDuty.eventsUrl(), dir.resolve("data")) + ROUTES.formatted(extraRoutes));
        return file;
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("PD_ROUTING_KEY",
                "REPLAYKEYREPLAYKEYREPLAYKEYREPLA")::get, dir, Clock.systemUTC());
        return Main.execute(List.of(args), context, new CountDownLatch(0));
    }

    private JsonNode lastLine() throws Exception {
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
}
