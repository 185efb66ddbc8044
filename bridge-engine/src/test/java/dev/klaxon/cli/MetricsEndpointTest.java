package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.decision.Outcome;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.PagerDutySimulator;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --metrics-listen}: a real nats-server, the simulated PagerDuty, the headless bridge in this JVM, and a
 * scraper over real HTTP. The counts add up (received = the sum of the outcomes), and readiness follows NATS.
 */
class MetricsEndpointTest {
    private static final Pattern LISTENING = Pattern.compile("metrics on (http://[^/]+)/metrics");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void theCountsAddUpAndReadinessFollowsNats() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CountDownLatch stop = new CountDownLatch(1);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try (NatsServerProcess server = NatsServerProcess.start();
             PagerDutySimulator pagerDuty = PagerDutySimulator.start()) {
            Path config = Files.writeString(dir.resolve("klaxon.yaml"), """
                    nats:
                      servers: ["%s"]
                      subjects: ["alerts.>"]
                    pagerduty:
                      events_url: "%s"
                    storage:
                      dir: "%s"
                    routes:
                      - match: "alerts.prod.>"
                        action: page
                        routing_key_env: PD_ROUTING_KEY
                      - match: "alerts.staging.>"
                        action: log
                    """.formatted(server.url(), pagerDuty.eventsUrl(), dir.resolve("data")));
            CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    Map.of("PD_ROUTING_KEY", "METRICSKEYMETRICSKEYMETRICSKEY12")::get, dir, Clock.systemUTC());
            Future<Integer> run = runner.submit(() -> Main.execute(List.of("run", "--config", config.toString(),
                    "--metrics-listen", "127.0.0.1:0"), context, stop));
            await().atMost(Duration.ofSeconds(30)).until(() -> LISTENING.matcher(text(out)).find());
            Matcher listening = LISTENING.matcher(text(out));
            assertThat(listening.find()).isTrue();
            String base = listening.group(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/readyz").statusCode() == 200);
            assertThat(get(base + "/healthz").body()).isEqualTo("ok\n");

            try (Connection client = Nats.connect(server.url())) {
                for (int i = 0; i < 20; i++) {
                    client.publish("alerts.prod.db", ("{\"summary\":\"disk " + i + "\",\"dedup_key\":\"d" + i % 5
                            + "\"}").getBytes(StandardCharsets.UTF_8));
                    client.publish("alerts.staging.web", "{\"summary\":\"slow\"}".getBytes(StandardCharsets.UTF_8));
                }
                client.publish("alerts.prod.db", "{not json".getBytes(StandardCharsets.UTF_8));
                client.flush(Duration.ofSeconds(5));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> value(get(base + "/metrics").body(),
                    "klaxon_messages_received_total") == 41);
            String metrics = get(base + "/metrics").body();
            double decided = 0;
            for (Outcome outcome : Outcome.values()) {
                decided += value(metrics, "klaxon_messages_decided_total{outcome=\"" + outcome.label() + "\"}");
            }
            assertThat(decided).as("received = the sum of the outcomes").isEqualTo(41);
            assertThat(value(metrics, "klaxon_messages_decided_total{outcome=\"forwarded\"}")).isEqualTo(5);
            assertThat(value(metrics, "klaxon_messages_decided_total{outcome=\"rejected\"}")).isEqualTo(1);
            assertThat(value(metrics, "klaxon_subject_messages_total{subject=\"alerts.staging.web\"}")).isEqualTo(20);
            assertThat(value(metrics, "klaxon_nats_connected")).isEqualTo(1);
            assertThat(metrics).contains("jvm_memory_used_bytes").doesNotContain("METRICSKEY");

            server.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/readyz").statusCode() == 503);
            assertThat(get(base + "/readyz").body()).startsWith("not connected to NATS");

            stop.countDown();
            assertThat(run.get()).isZero();
        } finally {
            stop.countDown();
            runner.shutdownNow();
        }
    }

    private static String text(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one sample line, e.g. {@code klaxon_nats_connected 1.0}; NaN when absent. */
    private static double value(String exposition, String sample) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).strip());
            }
        }
        return Double.NaN;
    }
}
