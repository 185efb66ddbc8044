package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.audit.AuditLog;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.simulator.Fault;
import dev.klaxon.simulator.Incident;
import dev.klaxon.simulator.PagerDutySimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentsCommandTest {
    private static final String KEY = "cccccccccccccccccccccccccccccccc";

    @TempDir
    Path home;
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T08:30:00Z"), ZoneOffset.UTC);
    private PagerDutySimulator pd;
    private Path config;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        pd = PagerDutySimulator.start(clock);
        config = writeConfig("api_token_env: PD_API_TOKEN\n  from_email: " + PagerDutySimulator.USER_EMAIL);
    }

    @AfterEach
    void stop() {
        pd.close();
    }

    private Path writeConfig(String pagerDutyKeys) throws Exception {
        Path file = home.resolve("klaxon.yaml");
        Files.writeString(file, """
                pagerduty:
                  api_url: "%s"
                  %s
                storage:
                  dir: "%s"
                """.formatted(pd.apiUrl(), pagerDutyKeys, home.resolve("data")));
        return file;
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("PD_API_TOKEN", PagerDutySimulator.API_TOKEN)::get, home, clock);
        return Main.execute(List.of(args), context, new CountDownLatch(0));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listsOpenIncidentsAsATable() {
        pd.openIncident(KEY, "db", "database primary down");
        String acked = pd.openIncident(KEY, "web", "web 5xx above 5%");
        String resolved = pd.openIncident(KEY, "old", "old problem");
        assertThat(run("incident", "ack", acked, "--config", config.toString())).isZero();
        assertThat(run("incident", "resolve", resolved, "--config", config.toString())).isZero();

        assertThat(run("incidents", "list", "--config", config.toString())).isZero();

        List<String> lines = out().lines().toList();
        assertThat(lines.get(0)).startsWith("#").contains("ID", "STATUS", "SERVICE", "CREATED", "TITLE");
        assertThat(lines.get(1)).contains("PDBL1", "triggered", "Service 1", "2026-03-01 08:30Z",
                "database primary down");
        assertThat(lines.get(2)).contains("PDBL2", "acknowledged", "web 5xx above 5%");
        assertThat(lines.get(3)).isEqualTo("2 incidents");
        assertThat(out()).doesNotContain("old problem", PagerDutySimulator.API_TOKEN);

        assertThat(run("incidents", "list", "--status", "resolved", "--config", config.toString())).isZero();
        assertThat(out()).contains("old problem").doesNotContain("database primary down");
    }

    @Test
    void listsAsJsonAndJsonLinesForJq() throws Exception {
        String db = pd.openIncident(KEY, "db", "database primary down");
        pd.openIncident(KEY, "web", "web 5xx above 5%");

        assertThat(run("incidents", "list", "--format", "json", "--config", config.toString())).isZero();
        com.fasterxml.jackson.databind.JsonNode array = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(2);
        assertThat(array.get(0).get("id").asText()).isEqualTo(db);
        assertThat(array.get(0).get("status").asText()).isEqualTo("triggered");
        assertThat(array.get(0).get("title").asText()).isEqualTo("database primary down");

        assertThat(run("incidents", "list", "--format", "jsonl", "--config", config.toString())).isZero();
        assertThat(out().lines().toList()).hasSize(2).allSatisfy(line -> assertThat(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).has("number")).isTrue());

        assertThat(run("incidents", "list", "--format", "yaml", "--config", config.toString())).isEqualTo(2);
        assertThat(err()).contains("--format takes table, json or jsonl, got \"yaml\"");
    }

    @Test
    void acknowledgesSeveralIncidentsAndAuditsEachAction() {
        String first = pd.openIncident(KEY, "a", "a");
        String second = pd.openIncident(KEY, "b", "b");

        assertThat(run("incident", "ack", first, second, "--config", config.toString())).isZero();

        assertThat(out()).contains(first + ": acknowledged", second + ": acknowledged");
        assertThat(pd.incidents()).extracting(Incident::status).containsOnly(Incident.Status.ACKNOWLEDGED);
        try (AuditLog audit = AuditLog.open(home.resolve("data").resolve("audit.db"), clock)) {
            assertThat(audit.tail(null)).extracting(AuditRow::actor, AuditRow::action, AuditRow::target)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(PagerDutySimulator.USER_EMAIL, "incident.ack", first),
                            org.assertj.core.groups.Tuple.tuple(PagerDutySimulator.USER_EMAIL, "incident.ack", second));
        }
    }

    @Test
    void resolvesEscalatesSnoozesAndNotes() {
        String id = pd.openIncident(KEY, "a", "a");
        String other = pd.openIncident(KEY, "b", "b");

        assertThat(run("incident", "escalate", id, "--level", "2", "--config", config.toString())).isZero();
        assertThat(out()).contains(id + ": escalated to level 2, assigned to On-call L2");
        assertThat(run("incident", "snooze", other, "--for", "1h", "--config", config.toString())).isZero();
        assertThat(out()).contains("snoozed for 1h");
        assertThat(run("incident", "note", id, "--note", "rolling back", "--config", config.toString())).isZero();
        assertThat(pd.notes(id)).containsExactly("rolling back");
        assertThat(run("incident", "resolve", id, "--note", "rolled back", "--config", config.toString()))
                .isZero();
        assertThat(pd.incidents().get(0).status()).isEqualTo(Incident.Status.RESOLVED);
    }

    @Test
    void pagerDutyErrorsExitWithOneAndTheMappedMessage() {
        String id = pd.openIncident(KEY, "a", "a");
        assertThat(run("incident", "resolve", id, "--config", config.toString())).isZero();

        assertThat(run("incident", "ack", id, "PNOPE", "--config", config.toString())).isEqualTo(1);

        assertThat(err()).contains("error: " + id + ": incident is already resolved",
                "error: PNOPE: not found on PagerDuty");
    }

    @Test
    void acknowledgingManyIncidentsSendsBulkRequestsOfAtMost250() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            ids.add(pd.openIncident(KEY, "k" + i, "alert " + i));
        }
        List<String> args = new ArrayList<>(List.of("incident", "ack"));
        args.addAll(ids);
        args.addAll(List.of("--config", config.toString()));

        assertThat(run(args.toArray(String[]::new))).as(err()).isZero();

        // PagerDuty's limit per bulk call is 250: 1,001 incidents are five requests, not 1,001.
        assertThat(pd.received()).allSatisfy(r -> assertThat(r.method() + " " + r.path()).isEqualTo("PUT /incidents"))
                .extracting(r -> r.json().get("incidents").size()).containsExactly(250, 250, 250, 250, 1);
        assertThat(pd.incidents()).extracting(Incident::status).containsOnly(Incident.Status.ACKNOWLEDGED);
        assertThat(out().lines()).hasSize(1_001).contains(ids.get(0) + ": acknowledged",
                ids.get(1_000) + ": acknowledged");
        try (AuditLog audit = AuditLog.open(home.resolve("data").resolve("audit.db"), clock)) {
            assertThat(audit.search(dev.klaxon.audit.AuditQuery.all())).hasSize(1_001)
                    .allSatisfy(row -> assertThat(row.action()).isEqualTo("incident.ack"));
        }
    }

    @Test
    void aBulkAcknowledgeStillSaysWhichIncidentWasAlreadyResolved() {
        String resolved = pd.openIncident(KEY, "old", "old");
        String open = pd.openIncident(KEY, "new", "new");
        assertThat(run("incident", "resolve", resolved, "--config", config.toString())).isZero();
        pd.clearFaults();
        int before = pd.received().size();

        assertThat(run("incident", "ack", resolved, open, "--config", config.toString())).isEqualTo(1);

        assertThat(pd.received()).hasSize(before + 1);
        assertThat(err()).contains("error: " + resolved + ": incident is already resolved");
        assertThat(out()).contains(open + ": acknowledged").doesNotContain(resolved + ": acknowledged");
    }

    @Test
    void aRateLimitedBulkRequestIsNotRetriedOneByOne() {
        String first = pd.openIncident(KEY, "a", "a");
        String second = pd.openIncident(KEY, "b", "b");
        pd.failNext(1, Fault.rateLimitReset(Duration.ofSeconds(12)));

        assertThat(run("incident", "resolve", first, second, "--config", config.toString())).isEqualTo(1);

        assertThat(pd.received()).hasSize(1);
        assertThat(err()).contains("error: " + first + ": rate limited by PagerDuty, retry in 12s",
                "error: " + second + ": rate limited by PagerDuty, retry in 12s");
    }

    @Test
    void rateLimitingIsReportedWithTheWait() {
        pd.failNext(1, Fault.rateLimitReset(Duration.ofSeconds(12)));

        assertThat(run("incidents", "list", "--config", config.toString())).isEqualTo(1);

        assertThat(err()).contains("rate limited by PagerDuty, retry in 12s");
    }

    @Test
    void missingTokenOrFromEmailIsAConfigErrorNamingTheKey() throws Exception {
        writeConfig("from_email: " + PagerDutySimulator.USER_EMAIL);
        assertThat(run("incidents", "list", "--config", config.toString())).isEqualTo(2);
        assertThat(err()).contains("pagerduty.api_token_env");

        writeConfig("api_token_env: PD_API_TOKEN");
        assertThat(run("incidents", "list", "--config", config.toString())).isZero();
        assertThat(run("incident", "ack", "PDBL1", "--config", config.toString())).isEqualTo(2);
        assertThat(err()).contains("pagerduty.from_email");

        writeConfig("api_token_env: NOT_SET\n  from_email: " + PagerDutySimulator.USER_EMAIL);
        assertThat(run("incidents", "list", "--config", config.toString())).isEqualTo(2);
        assertThat(err()).contains("pagerduty.api_token_env", "NOT_SET");
        assertThat(pd.received()).hasSize(1);
    }

    @Test
    void escalateWithoutALevelMovesToTheNextLevelAndStopsAtThePolicysLast() {
        String id = pd.openIncident(KEY, "a", "a");

        assertThat(run("incident", "escalate", id, "--config", config.toString())).isZero();
        assertThat(out()).contains(id + ": escalated to level 2, assigned to On-call L2 (the next after level 1)");
        assertThat(run("incident", "escalate", id, "--config", config.toString())).isZero();
        assertThat(out()).contains(id + ": escalated to level 3, assigned to On-call L3 (the next after level 2)");

        int requests = pd.received().size();
        assertThat(run("incident", "escalate", id, "--config", config.toString())).isEqualTo(1);
        assertThat(err()).contains(id + ": already at level 3, the last level of its escalation policy");
        // Read, never written: no PUT once the last level is reached.
        assertThat(pd.received().subList(requests, pd.received().size())).extracting(r -> r.method())
                .containsOnly("GET");
        assertThat(pd.received()).filteredOn(r -> r.method().equals("PUT"))
                .extracting(r -> r.json().path("incident").path("escalation_level").asInt()).containsExactly(2, 3);
    }

    @Test
    void usageErrorsExitWithTwoBeforeAnyRequest() {
        assertThat(run("incident", "ack", "--config", config.toString())).isEqualTo(2);
        assertThat(run("incident", "escalate", "P1", "--level", "0", "--config", config.toString())).isEqualTo(2);
        assertThat(err()).contains("--level");
        assertThat(run("incident", "snooze", "P1", "--for", "soon", "--config", config.toString())).isEqualTo(2);
        assertThat(run("incident", "note", "P1", "--config", config.toString())).isEqualTo(2);
        assertThat(run("incident", "reopen", "P1")).isEqualTo(2);
        assertThat(run("incidents", "list", "--status", "open", "--config", config.toString())).isEqualTo(2);
        assertThat(pd.received()).isEmpty();
    }
}
