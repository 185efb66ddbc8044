package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.audit.AuditKind;
import dev.klaxon.audit.AuditLog;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.engine.Engine;
import dev.klaxon.outbox.Endpoint;
import dev.klaxon.outbox.EventState;
import dev.klaxon.outbox.NewEvent;
import dev.klaxon.outbox.Outbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox commands on a real outbox file, with and without an engine holding the storage directory. */
class OutboxCommandTest {
    @TempDir
    Path home;
    private Path config;
    private Path data;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeConfig() throws Exception {
        data = home.resolve("data");
        config = home.resolve("klaxon.yaml");
        // No NATS server listens there: the engine starts anyway and keeps retrying, which is all this test needs.
        Files.writeString(config, """
                nats:
                  servers: ["nats://127.0.0.1:1"]
                pagerduty:
                  from_email: oncall@example.com
                storage:
                  dir: "%s"
                """.formatted(data));
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.<String, String>of()::get, home,
                Clock.systemUTC());
        return Main.execute(List.of(args), context, new CountDownLatch(0));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A refused trigger and a delivered one, as an engine would have left them. */
    private long[] deadAndDelivered() {
        try (Outbox outbox = Outbox.open(createdData().resolve("outbox.db"), Clock.systemUTC())) {
            List<Long> ids = outbox.enqueue(List.of(event("db/lag"), event("api/5xx"))).join();
            outbox.markDeadLetter(ids.get(0), 400, "Event object is invalid: 'payload.summary' is missing").join();
            outbox.markDelivered(ids.get(1), 202, "api/5xx", "Event processed").join();
            return new long[] {ids.get(0), ids.get(1)};
        }
    }

    private Path createdData() {
        try {
            return Files.createDirectories(data);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static NewEvent event(String dedupKey) {
        return new NewEvent("alerts.prod.db", 0, "routes[0] \"alerts.prod.>\"", "env:PD_KEY", Endpoint.ALERT,
                dedupKey, "trigger", "{\"routing_key\":\"******** (env PD_KEY)\",\"dedup_key\":\"" + dedupKey + "\"}",
                Instant.now());
    }

    @Test
    void listsDeadLettersWithPagerDutysReasonAndShowsTheStatus() {
        long[] ids = deadAndDelivered();

        assertThat(run("outbox", "dead-letters", "--config", config.toString())).isZero();
        assertThat(out()).contains(ids[0] + "  ", "alerts.prod.db  trigger  db/lag  HTTP 400  Event object is "
                + "invalid: 'payload.summary' is missing", "1 dead letter; re-send with").doesNotContain("api/5xx");

        assertThat(run("outbox", "status", "--config", config.toString())).isZero();
        assertThat(out()).contains("pending: 0", "dead letters: 1", "delivered in the last minute: 1");
    }

    @Test
    void resendRefusesWhileAnEngineHoldsTheStorageAndWorksOnceItStopped() throws Exception {
        long dead = deadAndDelivered()[0];
        try (Engine engine = Engine.create(new ConfigLoader(home).load(config), Clock.systemUTC())) {
            engine.start();
            assertThat(run("outbox", "resend", Long.toString(dead), "--config", config.toString())).isEqualTo(1);
            assertThat(err()).contains("an engine (the console or \"run\") is using " + data);
        }

        assertThat(run("outbox", "resend", Long.toString(dead), "--config", config.toString()))
                .as(err()).isZero();
        assertThat(out()).contains(dead + ": pending again");
        try (Outbox outbox = Outbox.open(data.resolve("outbox.db"), Clock.systemUTC())) {
            assertThat(outbox.event(dead).orElseThrow().state()).isEqualTo(EventState.PENDING);
        }
        try (AuditLog audit = AuditLog.open(data.resolve("audit.db"), Clock.systemUTC())) {
            List<AuditRow> actions = audit.search(AuditQuery.all().kinds(AuditKind.ACTION));
            assertThat(actions).singleElement().satisfies(row -> {
                assertThat(row.action()).isEqualTo("outbox.resend");
                assertThat(row.actor()).isEqualTo("oncall@example.com");
                assertThat(row.target()).isEqualTo("outbox event " + dead);
            });
        }
    }

    @Test
    void resendingWhatIsNotADeadLetterFailsForThatIdOnly() {
        long[] ids = deadAndDelivered();

        int code = run("outbox", "resend", Long.toString(ids[1]), Long.toString(ids[0]), "--config",
                config.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains(ids[1] + ": outbox event " + ids[1] + " is not a dead letter");
        assertThat(out()).contains(ids[0] + ": pending again");
    }

    @Test
    void resendNeedsNumericIds() {
        assertThat(run("outbox", "resend", "db/lag", "--config", config.toString())).isEqualTo(2);
        assertThat(err()).contains("\"db/lag\" is not an outbox event ID");
    }
}
