package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.audit.AuditKind;
import dev.klaxon.audit.AuditLog;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.decision.Outcome;
import dev.klaxon.engine.Engine;
import dev.klaxon.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SilenceCommandTest {
    @TempDir
    Path home;
    private Path config;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T03:00:00Z"));
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeConfig() throws Exception {
        config = home.resolve("klaxon.yaml");
        // No NATS server listens there: the engine starts anyway and keeps retrying, which is all this test needs.
        Files.writeString(config, """
                nats:
                  servers: ["nats://127.0.0.1:1"]
                pagerduty:
                  from_email: ana@example.com
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_KEY
                """.formatted(home.resolve("data")));
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.<String, String>of()::get, home, clock);
        return Main.execute(List.of(args), context, new CountDownLatch(0));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void addListExtendAndExpireAreShownAndAudited() {
        assertThat(run("silence", "add", "alerts.prod.db.>", "--for", "1h", "--reason", "failover drill",
                "--match", "severity=warning", "--match", "source=~db-.*", "--config", config.toString()))
                .as(err()).isZero();
        assertThat(out()).contains("added silence #1 \"alerts.prod.db.>\" severity=warning source=~db-.* until "
                + "2026-11-29T04:00:00Z");

        clock.advance(Duration.ofMinutes(15));
        assertThat(run("silence", "list", "--config", config.toString())).isZero();
        assertThat(out()).contains("#1  active  \"alerts.prod.db.>\" severity=warning source=~db-.*  45 min left  "
                + "matched 0  by ana@example.com  \"failover drill\"", "1 silence");

        assertThat(run("silence", "list", "--format", "jsonl", "--config", config.toString())).isZero();
        assertThat(out().strip()).startsWith("{\"id\":1,\"state\":\"active\",\"pattern\":\"alerts.prod.db.>\","
                + "\"matchers\":[\"severity=warning\",\"source=~db-.*\"]").contains("\"reason\":\"failover drill\"")
                .doesNotContain("\n");

        assertThat(run("silence", "extend", "1", "--for", "30m", "--config", config.toString())).isZero();
        assertThat(out()).contains("silence #1 now ends 2026-11-29T04:30:00Z");
        assertThat(run("silence", "expire", "#1", "--config", config.toString())).isZero();
        assertThat(run("silence", "list", "--config", config.toString())).isZero();
        assertThat(out()).contains("#1  expired", "ended 2026-11-29T03:15:00Z",
                "[never matched: check its pattern]");
        assertThat(run("silence", "expire", "1", "--config", config.toString())).isEqualTo(1);
        assertThat(err()).contains("silence #1 does not exist or has already ended");

        try (AuditLog audit = AuditLog.open(home.resolve("data/audit.db"), clock)) {
            assertThat(audit.search(AuditQuery.all().kinds(AuditKind.ACTION))).extracting(AuditRow::action)
                    .containsExactlyInAnyOrder("silence.add", "silence.extend", "silence.expire", "silence.expire");
        }
    }

    @Test
    void aSilenceAddedFromTheCommandLineTakesEffectInARunningEngine() throws Exception {
        try (Engine engine = Engine.create(new ConfigLoader(home).load(config), clock)) {
            engine.start();
            byte[] body = "{\"summary\":\"lag\"}".getBytes(StandardCharsets.UTF_8);
            assertThat(engine.explain("alerts.prod.db", body, Map.of()).outcome()).isEqualTo(Outcome.FORWARDED);

            assertThat(run("silence", "add", "alerts.prod.>", "--for", "1h", "--reason", "deploy",
                    "--config", config.toString())).as(err()).isZero();

            await().atMost(Duration.ofSeconds(15)).until(() ->
                    engine.explain("alerts.prod.db", body, Map.of()).outcome() == Outcome.SILENCED);
        }
    }

    @Test
    void rulesTestSaysWhenAStoredSilenceWouldHoldTheMessage() {
        assertThat(run("silence", "add", "alerts.prod.db", "--for", "1h", "--reason", "migration",
                "--config", config.toString())).isZero();

        assertThat(run("rules", "test", "alerts.prod.db", "--payload", "{\"summary\":\"lag\"}", "--config",
                config.toString())).isZero();
        assertThat(out()).contains("decision: silenced", "reason:   silence #1 \"alerts.prod.db\" until "
                + "2026-11-29T04:00:00Z (ana@example.com: migration)");
        assertThat(run("rules", "test", "alerts.prod.api", "--payload", "{\"summary\":\"lag\"}", "--config",
                config.toString())).isZero();
        assertThat(out()).contains("decision: forwarded");
    }

    @Test
    void mistakesAreUsageErrorsThatSayWhatToDo() {
        assertThat(run("silence", "add", "alerts..db", "--for", "1h", "--reason", "x", "--config", config.toString()))
                .isEqualTo(2);
        assertThat(err()).contains("pattern: ");
        assertThat(run("silence", "add", "alerts.>", "--for", "1h", "--config", config.toString())).isEqualTo(2);
        assertThat(err()).contains("needs --reason");
        assertThat(run("silence", "add", "alerts.>", "--reason", "x", "--config", config.toString())).isEqualTo(2);
        assertThat(err()).contains("needs --for DURATION");
        assertThat(run("silence", "add", "alerts.>", "--for", "1h", "--reason", "x", "--match", "colour=red",
                "--config", config.toString())).isEqualTo(2);
        assertThat(err()).contains("--match colour=red: unknown field \"colour\"");
    }
}
