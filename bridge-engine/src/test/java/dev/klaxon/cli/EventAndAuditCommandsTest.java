package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.simulator.Fault;
import dev.klaxon.simulator.PagerDutySimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventAndAuditCommandsTest {
    private static final String ROUTING_KEY = "EVENTSENDKEYEVENTSENDKEYEVENTSEN";

    @TempDir
    Path home;
    private PagerDutySimulator pagerDuty;
    private Path config;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        pagerDuty = PagerDutySimulator.start();
        config = home.resolve("klaxon.yaml");
        Files.writeString(config, """
                pagerduty:
                  events_url: "%s"
                  from_email: oncall@example.com
                storage:
                  dir: "%s"
                """.formatted(pagerDuty.eventsUrl(), home.resolve("data")));
    }

    @AfterEach
    void stop() {
        pagerDuty.close();
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("PD_KEY", ROUTING_KEY)::get, home,
                Clock.systemUTC());
        return Main.execute(List.of(args), context, new CountDownLatch(0));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eventSendCutsASummaryAndADedupKeyToPagerDutysLimitsAndSaysSo() {
        int code = run("event", "send", "--routing-key-env", "PD_KEY", "--summary", "s".repeat(1500),
                "--dedup-key", "k".repeat(300), "--config", config.toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode sent = pagerDuty.acceptedEvents().get(0);
        assertThat(sent.get("payload").get("summary").asText()).hasSize(1024).endsWith("[truncated by Klaxon]");
        assertThat(sent.get("dedup_key").asText()).startsWith("sha256:").hasSize(71);
        assertThat(out()).contains("adjusted: summary was 1500 characters, over PagerDuty's limit of 1024; truncated",
                "adjusted: dedup_key was 300 characters, over PagerDuty's limit of 255; replaced by its SHA-256 hash");
    }

    @Test
    void escalateRendersTheMessageLikeARouteRaisesTheSeverityAndIsAudited() throws Exception {
        int code = run("escalate", "alerts.prod.db", "--payload",
                "{\"summary\":\"replica lag 900 s\",\"severity\":\"warning\",\"source\":\"db-3\"}",
                "--routing-key-env", "PD_KEY", "--severity", "critical", "--config", config.toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out()).contains("\"routing_key\" : \"******** (env PD_KEY)\"",
                "adjusted: severity warning raised by hand to critical", "accepted by PagerDuty: dedup_key alerts.prod.db")
                .doesNotContain(ROUTING_KEY);
        JsonNode sent = pagerDuty.acceptedEvents().get(0);
        assertThat(sent.get("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(sent.get("payload").get("severity").asText()).isEqualTo("critical");
        assertThat(sent.get("payload").get("summary").asText()).isEqualTo("replica lag 900 s");

        assertThat(run("audit", "export", "--format", "jsonl", "--config", config.toString())).isZero();
        assertThat(out().lines().map(this::json)).anySatisfy(row -> {
            assertThat(row.get("action").asText()).isEqualTo("escalate");
            assertThat(row.get("target").asText()).isEqualTo("alerts.prod.db to env:PD_KEY as critical");
        });
    }

    @Test
    void eventSendTriggersAndIsAuditedWithoutTheKey() throws Exception {
        int code = run("event", "send", "--routing-key-env", "PD_KEY", "--summary", "Manual page: checkout down",
                "--severity", "crit", "--source", "oncall-laptop", "--dedup-key", "manual-1", "--config",
                config.toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out()).contains("accepted by PagerDuty: dedup_key manual-1");
        JsonNode sent = pagerDuty.acceptedEvents().get(0);
        assertThat(sent.get("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(sent.get("payload").get("severity").asText()).isEqualTo("critical");

        assertThat(run("audit", "export", "--format", "jsonl", "--config", config.toString())).isZero();
        List<JsonNode> rows = out().lines().map(this::json).toList();
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.get("action").asText()).isEqualTo("event.send.trigger");
            assertThat(row.get("actor").asText()).isEqualTo("oncall@example.com");
            assertThat(row.get("target").asText()).isEqualTo("manual-1");
        });
        assertThat(out()).doesNotContain(ROUTING_KEY);
    }

    @Test
    void eventSendReportsARefusalAndExitsWithOne() {
        pagerDuty.failNext(1, Fault.respond(400, Map.of("Content-Type", "application/json"),
                "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"bad\"]}"));
        assertThat(run("event", "send", "--routing-key-env", "PD_KEY", "--summary", "x", "--config",
                config.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("PagerDuty refused the event (HTTP 400)",
                "Event object is invalid");
    }

    @Test
    void eventSendNeverTakesTheKeyOnTheCommandLine() {
        assertThat(run("event", "send", "--summary", "x", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--routing-key-env NAME or --routing-key-file");
        assertThat(run("event", "send", "--routing-key", ROUTING_KEY, "--summary", "x")).isEqualTo(2);
    }

    @Test
    void auditExportAsCsvHasAHeaderAndRejectsUnknownFormats() {
        assertThat(run("event", "send", "--routing-key-env", "PD_KEY", "--action", "resolve", "--dedup-key", "k",
                "--config", config.toString())).isZero();
        assertThat(run("audit", "export", "--format", "csv", "--since", "1h", "--config", config.toString()))
                .isZero();
        assertThat(out().lines().findFirst().orElse("")).contains("kind");
        assertThat(out()).contains("event.send.resolve");
        assertThat(run("audit", "export", "--format", "xml", "--config", config.toString())).isEqualTo(2);
    }

    private JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
