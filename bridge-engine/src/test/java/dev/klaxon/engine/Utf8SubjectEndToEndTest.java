package dev.klaxon.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.audit.AuditKind;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.decision.Decision;
import dev.klaxon.decision.Outcome;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.stats.LiveStats;
import dev.klaxon.stats.TailEntry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subjects beyond ASCII, published as raw bytes to a real nats-server, through the engine to the PagerDuty double. */
class Utf8SubjectEndToEndTest {
    private static final String ROUTING_KEY = "5f1e9c2a5f1e9c2a5f1e9c2a5f1e9c2a";
    private static final String SNOWMAN = "alerts.prod.é☃";
    private static final byte[] BODY = "{\"summary\":\"cold\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private NatsServerProcess server;
    private PagerDutySimulator pagerDuty;
    private Engine engine;

    @BeforeEach
    void start() throws Exception {
        server = NatsServerProcess.start();
        pagerDuty = PagerDutySimulator.start();
        engine = TestEngines.startConnected(dir, """
                nats:
                  servers: ["%s"]
                  subjects: ["alerts.>"]
                pagerduty:
                  events_url: "%s"
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.café.>"
                    action: page
                    routing_key_env: PD_ROUTING_KEY_PROD
                    dedup_key: "café/{token[2]}"
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_ROUTING_KEY_PROD
                    dedup_key: "{subject}"
                """.formatted(server.url(), pagerDuty.eventsUrl(), dir.resolve("data")), Clock.systemUTC(),
                Map.of("PD_ROUTING_KEY_PROD", ROUTING_KEY));
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
        pagerDuty.close();
        server.close();
    }

    @Test
    void aNonAsciiSubjectKeepsItsNameFromTheWireToPagerDutyAndRulesTestAgrees() throws Exception {
        // what rules test prints; asked first, since afterwards the dedup window (live state) would hold it
        Decision explained = engine.explain(SNOWMAN, BODY, Map.of());
        assertThat(explained.outcome()).isEqualTo(Outcome.FORWARDED);
        assertThat(explained.hits().get(0).eventBody().get("dedup_key").asText()).isEqualTo(SNOWMAN);

        RawNatsPublisher.publish(server.port(), SNOWMAN.getBytes(StandardCharsets.UTF_8), BODY);

        await().atMost(TestEngines.WAIT).until(() -> pagerDuty.acceptedEvents().size() == 1);
        assertThat(pagerDuty.acceptedEvents().get(0).get("dedup_key").asText()).isEqualTo(SNOWMAN);
        List<TailEntry> tail = engine.tail(SNOWMAN);
        assertThat(tail).singleElement().satisfies(entry -> assertThat(entry.outcome()).isEqualTo(Outcome.FORWARDED));
        assertThat(engine.explain(SNOWMAN, BODY, Map.of()).reason()).as("live state: the trigger just sent")
                .contains("dedup");

        await().atMost(TestEngines.WAIT).until(() -> !engine.searchAudit(AuditQuery.all()
                .kinds(AuditKind.FORWARDED)).isEmpty());
        assertThat(engine.searchAudit(AuditQuery.all().kinds(AuditKind.FORWARDED))).extracting(AuditRow::subject)
                .containsExactly(SNOWMAN);
    }

    @Test
    void aRouteWithANonAsciiPatternPagesLiveAsRulesTestSaysItWould() throws Exception {
        Decision explained = engine.explain("alerts.café.db", BODY, Map.of());
        assertThat(explained.outcome()).isEqualTo(Outcome.FORWARDED);

        RawNatsPublisher.publish(server.port(), "alerts.café.db".getBytes(StandardCharsets.UTF_8), BODY);

        await().atMost(TestEngines.WAIT).until(() -> pagerDuty.acceptedEvents().size() == 1);
        assertThat(pagerDuty.acceptedEvents().get(0).get("dedup_key").asText()).isEqualTo("café/db");
        assertThat(engine.tail("alerts.café.db")).singleElement()
                .satisfies(entry -> assertThat(entry.reason()).isEqualTo(explained.reason()));
    }

    @Test
    void subjectBytesThatAreNotUtf8AreRejectedAsAnInvalidSubjectNeverForwarded() throws Exception {
        ByteArrayOutputStream subject = new ByteArrayOutputStream();
        subject.writeBytes("alerts.prod.".getBytes(StandardCharsets.US_ASCII));
        subject.write(0xFF);
        subject.write(0xFE);
        RawNatsPublisher.publish(server.port(), subject.toByteArray(), BODY);
        RawNatsPublisher.publish(server.port(), "alerts.prod.db".getBytes(StandardCharsets.US_ASCII), BODY);

        await().atMost(TestEngines.WAIT).until(() -> engine.summary().processed() >= 2);
        assertThat(engine.tail(LiveStats.INVALID_SUBJECTS)).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(entry.reason()).isEqualTo(
                    "subject is not valid UTF-8 (byte 0xFF at byte 12): \"alerts.prod.\\xFF\\xFE\"");
        });
        await().atMost(TestEngines.WAIT).until(() -> pagerDuty.acceptedEvents().size() == 1);
        assertThat(pagerDuty.acceptedEvents().get(0).get("dedup_key").asText()).isEqualTo("alerts.prod.db");
        assertThat(engine.snapshot().subjects()).extracting(s -> s.subject())
                .containsExactlyInAnyOrder("alerts.prod.db", LiveStats.INVALID_SUBJECTS);
    }
}
