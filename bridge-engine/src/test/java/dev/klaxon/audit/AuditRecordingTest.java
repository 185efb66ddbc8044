package dev.klaxon.audit;

import static dev.klaxon.audit.AuditFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.klaxon.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditRecordingTest {
    private static final String REAL_KEY = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private AuditLog audit;

    @BeforeEach
    void open() {
        audit = AuditLog.open(dir.resolve("audit.db"), clock);
    }

    @AfterEach
    void close() {
        audit.close();
    }

    @Test
    void forwardedEventRoundTripsEveryField() throws Exception {
        ForwardedEvent event = AuditFixtures.delivered(T0, "alerts.prod.db", "alerts.prod.db/pg-1");
        clock.advance(Duration.ofSeconds(7));

        audit.recordForwarded(event);
        audit.flush().get(10, TimeUnit.SECONDS);

        List<AuditRow> rows = audit.search(AuditQuery.all());
        assertThat(rows).hasSize(1);
        AuditRow row = rows.get(0);
        assertThat(row.kind()).isEqualTo(AuditKind.FORWARDED);
        assertThat(row.at()).isEqualTo(T0);
        assertThat(row.recordedAt()).isEqualTo(T0.plusSeconds(7));
        assertThat(row.subject()).isEqualTo("alerts.prod.db");
        assertThat(row.rule()).isEqualTo(event.ruleLabel());
        assertThat(row.dedupKey()).isEqualTo("alerts.prod.db/pg-1");
        assertThat(row.eventAction()).isEqualTo("trigger");
        assertThat(row.state()).isEqualTo("delivered");
        assertThat(row.deliveredAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(row.pagerDutyDedupKey()).isEqualTo("alerts.prod.db/pg-1");
        assertThat(row.message()).isEqualTo("Event processed");
        assertThat(row.attempts()).isEqualTo(event.attempts());
        assertThat(row.attempts().get(0).httpStatus()).isNull();
        assertThat(row.body()).isEqualTo(event.body());
    }

    @Test
    void shadowedAndDeadLetteredPagesAreRecordedWithTheirState() throws Exception {
        audit.recordForwarded(AuditFixtures.shadowed(T0, "alerts.staging.web"));
        audit.recordForwarded(new ForwardedEvent(T0.plusSeconds(1), "alerts.prod.api", "route 1", "k", "resolve",
                "{}", List.of(new DeliveryAttempt(T0.plusSeconds(1), 400, "Event object is invalid")),
                DeliveryState.DEAD_LETTER, null, null, "Event object is invalid"));
        audit.flush().get(10, TimeUnit.SECONDS);

        assertThat(audit.search(AuditQuery.all()))
                .extracting(AuditRow::subject, AuditRow::state, AuditRow::message)
                .containsExactly(
                        tuple("alerts.prod.api", "dead_letter",
                                "Event object is invalid"),
                        tuple("alerts.staging.web", "shadow", null));
    }

    @Test
    void operatorActionsRoundTripWithResult() throws Exception {
        audit.recordAction(OperatorAction.succeeded(T0, "oncall@example.com", "incident.acknowledge", "PABC123"));
        audit.recordAction(OperatorAction.failed(T0.plusSeconds(1), "alice", "incident.escalate", "PABC123",
                "Incident cannot be escalated"));
        audit.flush().get(10, TimeUnit.SECONDS);

        assertThat(audit.search(AuditQuery.all().kinds(AuditKind.ACTION)))
                .extracting(AuditRow::at, AuditRow::actor, AuditRow::action, AuditRow::target, AuditRow::state,
                        AuditRow::message)
                .containsExactly(
                        tuple(T0.plusSeconds(1), "alice", "incident.escalate",
                                "PABC123", "error", "Incident cannot be escalated"),
                        tuple(T0, "oncall@example.com", "incident.acknowledge",
                                "PABC123", "ok", null));
    }

    @Test
    void configLoadsRecordPathDigestAndSummary() throws Exception {
        byte[] content = "routes: []\n".getBytes(StandardCharsets.UTF_8);
        String digest = AuditLog.sha256(content);
        audit.recordConfigLoad(Path.of("/etc/klaxon.yaml"), digest, true, null);
        clock.advance(Duration.ofMinutes(1));
        audit.recordConfigLoad(Path.of("/etc/klaxon.yaml"), digest, false, "line 3: routes[0].match: empty token");
        audit.flush().get(10, TimeUnit.SECONDS);

        List<AuditRow> rows = audit.search(AuditQuery.all().kinds(AuditKind.CONFIG));
        // what `sha256sum` prints for the same bytes
        assertThat(digest).isEqualTo("53c772ade0170baffdebe3ab4e3302735401c3611535f3547361d29bd3223bd0");
        assertThat(rows).extracting(AuditRow::at, AuditRow::target, AuditRow::sha256, AuditRow::state,
                        AuditRow::message)
                .containsExactly(
                        tuple(T0.plusSeconds(60), "/etc/klaxon.yaml", digest, "error",
                                "line 3: routes[0].match: empty token"),
                        tuple(T0, "/etc/klaxon.yaml", digest, "ok", null));
    }

    @Test
    void realLookingRoutingKeyIsMaskedBeforeItReachesTheFile() throws Exception {
        String leaky = "{\"routing_key\":\"" + REAL_KEY + "\",\"event_action\":\"trigger\"}";
        audit.recordForwarded(new ForwardedEvent(T0, "alerts.prod.db", "route 1", "k", "trigger", leaky,
                List.of(new DeliveryAttempt(T0, 400, "bad routing_key: " + REAL_KEY)), DeliveryState.DEAD_LETTER,
                null, null, "routing_key=" + REAL_KEY));
        audit.count("alerts.prod.db", dev.klaxon.decision.Outcome.REJECTED, "bad json", T0, leaky);
        audit.flush().get(10, TimeUnit.SECONDS);
        audit.close();

        byte[] everything = java.nio.file.Files.readAllBytes(dir.resolve("audit.db"));
        assertThat(new String(everything, StandardCharsets.ISO_8859_1)).doesNotContain(REAL_KEY)
                .contains("\"routing_key\":\"********\"");
    }

    @Test
    void tailFollowsRecordingTimeSoLateDeliveriesShow() throws Exception {
        audit.recordAction(OperatorAction.succeeded(T0, "alice", "silence.add", "alerts.prod.>"));
        audit.flush().get(10, TimeUnit.SECONDS);
        List<AuditRow> first = audit.tail(null);
        assertThat(first).extracting(AuditRow::action).containsExactly("silence.add");

        clock.advance(Duration.ofMinutes(10));
        // Received before the action above, but delivered (and so recorded) only after a 10-minute outage.
        audit.recordForwarded(AuditFixtures.delivered(T0.minusSeconds(30), "alerts.prod.db", "late"));
        audit.flush().get(10, TimeUnit.SECONDS);

        assertThat(audit.tail(first.get(0).recordedAt())).extracting(AuditRow::dedupKey).containsExactly("late");
    }

    @Test
    void manyRecordsAreAllCommittedInBatches() throws Exception {
        for (int i = 0; i < 10_000; i++) {
            audit.recordAction(OperatorAction.succeeded(T0, "alice", "event.send", "n" + i));
        }
        audit.flush().get(30, TimeUnit.SECONDS);

        assertThat(new SqliteProbe(dir.resolve("audit.db")).longValue("SELECT count(*) FROM actions"))
                .isEqualTo(10_000);
        assertThat(audit.refusedWrites()).isZero();
        assertThat(audit.failedWrites()).isZero();
    }
}
