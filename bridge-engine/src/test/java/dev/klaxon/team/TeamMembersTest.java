package dev.klaxon.team;

import static dev.klaxon.team.TeamBench.WAIT;
import static dev.klaxon.team.TeamBench.awaitSender;
import static dev.klaxon.team.TeamBench.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.audit.AuditQuery;
import dev.klaxon.decision.Outcome;
import dev.klaxon.engine.Engine;
import dev.klaxon.message.Severity;
import dev.klaxon.secret.SecretRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several members of one team on one real JetStream server: one sender, every member sees every alert. */
class TeamMembersTest {
    @TempDir
    Path dir;
    private OneServerTeam bench;

    @BeforeEach
    void start() throws Exception {
        bench = OneServerTeam.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        bench.close();
    }

    @Test
    void theTeamPagesEachAlertOnceAndEveryMemberShowsEveryAlert() throws Exception {
        Engine bridge = bench.team().start("bridge", "auto", true);
        awaitSender(bridge);
        Engine alice = bench.team().start("alice", "auto", false);
        Engine bob = bench.team().start("bob", "observer", false);
        await().atMost(WAIT).until(() -> alice.team().status().mode() == TeamStatus.Mode.OBSERVER
                && bob.team().status().mode() == TeamStatus.Mode.OBSERVER);

        for (int i = 0; i < 60; i++) {
            publish(bench.client(), "alerts.prod.db", "{\"summary\":\"disk\",\"dedup_key\":\"k-" + i + "\"}");
        }
        await().atMost(WAIT).until(() -> bench.pagerDuty().acceptedEvents().size() >= 60);
        await().atMost(WAIT).until(() -> alice.summary().processed() == 60 && bob.summary().processed() == 60);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> bench.pagerDuty().acceptedEvents().size() == 60);

        assertThat(bridge.summary().processed()).as("the sender decides each alert once: pulled, not also watched")
                .isEqualTo(60);
        assertThat(alice.summary().total(Outcome.FORWARDED)).isEqualTo(60);
        assertThat(alice.summary().lastReasons().get(Outcome.FORWARDED))
                .isEqualTo("routes[0] \"alerts.prod.>\": page, sent by the team's sender bridge, not by this member");
        assertThat(alice.summary().delivery().outbox().pending()).isZero();
        assertThat(alice.team().status().sender()).isEqualTo("bridge");
        assertThat(alice.team().status().banner()).startsWith("observer: paging is done by bridge since");
        await().atMost(WAIT).until(() -> bridge.team().status().members().size() == 3);
        assertThat(bridge.team().status().members()).extracting(TeamStatus.TeamMember::id)
                .containsExactly("alice", "bob", "bridge");
    }

    @Test
    void aConsoleThatSendsGivesWayToAHeadlessBridge() throws Exception {
        Engine console = bench.team().start("alice", "auto", false);
        awaitSender(console); // after its grace period, with nobody else around
        Engine bridge = bench.team().start("bridge", "auto", true);
        awaitSender(bridge);
        assertThat(console.team().status().sending()).isFalse();
        await().atMost(WAIT).until(() -> "bridge".equals(console.team().status().sender()));
        List<String> audit = console.searchAudit(new AuditQuery(null, null, null, null, null, 50))
                .stream().map(row -> row.action() + ": " + row.message()).toList();
        assertThat(audit).anyMatch(line -> line.startsWith("team: handed the sender role over: a headless bridge"));
    }

    @Test
    void aPersonTakesTheSenderRoleAndTheOldSenderStopsPulling() throws Exception {
        Engine bridge = bench.team().start("bridge", "auto", true);
        awaitSender(bridge);
        Engine alice = bench.team().start("alice", "sender", false);
        await().atMost(WAIT).until(() -> "bridge".equals(alice.team().status().sender()));

        assertThat(alice.team().takeSender("alice").get()).contains("taken from bridge");
        await().atMost(WAIT).until(() -> !bridge.team().status().sending());
        publish(bench.client(), "alerts.prod.db", "{\"summary\":\"after the handover\",\"dedup_key\":\"h-1\"}");
        await().atMost(WAIT).until(() -> bench.pagerDuty().acceptedEvents().size() == 1);
        assertThat(bench.pagerDuty().acceptedEvents().get(0).path("payload").path("custom_details").path("klaxon")
                .path("sender").asText()).isEqualTo("alice");
    }

    @Test
    void anObserverByConfigCannotTakeTheSenderRole() throws Exception {
        Engine bob = bench.team().start("bob", "observer", false);
        await().atMost(WAIT).until(() -> bob.team().status().mode() == TeamStatus.Mode.OBSERVER);
        assertThat(bob.team().takeSender("bob")).failsWithin(WAIT)
                .withThrowableThat().withMessageContaining("observer by config");
    }

    @Test
    void anObserversManualEscalationIsSentOnceByTheObserverAndAuditedWithItsOperator() throws Exception {
        Engine bridge = bench.team().start("bridge", "auto", true);
        awaitSender(bridge);
        Engine bob = bench.team().start("bob", "observer", false);
        await().atMost(WAIT).until(() -> bob.team().status().mode() == TeamStatus.Mode.OBSERVER);

        bob.escalate("alerts.staging.db", "{\"summary\":\"replica lag\",\"dedup_key\":\"lag-1\"}"
                .getBytes(StandardCharsets.UTF_8), Map.of(),
                SecretRef.env("PD_ROUTING_KEY"), Severity.ERROR).get();

        await().atMost(WAIT).until(() -> bench.pagerDuty().acceptedEvents().size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> bench.pagerDuty().acceptedEvents().size() == 1);
        assertThat(bench.pagerDuty().acceptedEvents().get(0).path("dedup_key").asText()).isEqualTo("lag-1");
        await().atMost(WAIT).until(() -> bob.searchAudit(new AuditQuery(null, null, null, null,
                null, 50)).stream().anyMatch(row -> "escalate".equals(row.action())
                && bob.operator().equals(row.actor()) && "ok".equals(row.state())));
    }
}
