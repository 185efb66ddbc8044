package dev.klaxon.team;

import static dev.klaxon.team.TeamBench.WAIT;
import static dev.klaxon.team.TeamBench.awaitSender;
import static dev.klaxon.team.TeamBench.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.decision.Outcome;
import dev.klaxon.engine.Engine;
import dev.klaxon.guard.SilenceConflictException;
import dev.klaxon.guard.SilenceRecord;
import dev.klaxon.guard.SilenceRequest;
import dev.klaxon.simulator.PagerDutySimulator;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team's shared state on a 3-node JetStream cluster (R3 buckets): silences seen and enforced across members
 * within 2 s, compare and set across members, and a late joiner with the sender's counts.
 */
class SharedStateClusterTest {
    @TempDir
    Path dir;
    private JetStreamCluster cluster;
    private PagerDutySimulator pagerDuty;
    private Connection client;
    private TeamBench team;

    @BeforeEach
    void start() throws Exception {
        cluster = JetStreamCluster.start(dir);
        pagerDuty = PagerDutySimulator.start();
        client = Nats.connect(cluster.options().build());
        team = new TeamBench(dir, cluster.yamlServers(), pagerDuty).jetstream("{ replicas: 3, ack_wait: 2s }");
    }

    @AfterEach
    void stop() throws Exception {
        team.close();
        client.close();
        pagerDuty.close();
        cluster.close();
    }

    @Test
    void silencesAndLateJoinHoldAcrossMembersOnAThreeNodeCluster() throws Exception {
        Engine bridge = team.start("bridge", "auto", true);
        awaitSender(bridge);
        Engine alice = team.start("alice", "observer", false);
        await().atMost(WAIT).until(() -> alice.team().status().mode() == TeamStatus.Mode.OBSERVER);

        long id = alice.addSilence(SilenceRequest.of("alerts.prod.db", Duration.ofMinutes(30), "drill")).get().id();
        await().atMost(Duration.ofSeconds(2)).until(() -> bridge.silences().join().stream()
                .anyMatch(r -> r.silence().id() == id));
        SilenceRecord seen = bridge.silences().join().get(0);
        bridge.extendSilence(id, seen.silence().endsAt().plus(Duration.ofHours(1)), seen.revision()).get();
        assertThat(alice.extendSilence(id, Instant.now().plus(Duration.ofHours(5)), seen.revision()))
                .failsWithin(WAIT).withThrowableThat().havingRootCause()
                .isInstanceOf(SilenceConflictException.class);

        for (int i = 0; i < 20; i++) {
            publish(client, i % 2 == 0 ? "alerts.prod.db" : "alerts.prod.api",
                    "{\"summary\":\"n " + i + "\",\"dedup_key\":\"c-" + i + "\"}");
        }
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 10);
        await().atMost(WAIT).until(() -> bridge.summary().total(Outcome.SILENCED) == 10);

        Engine late = team.start("late", "observer", false);
        await().atMost(WAIT).until(() -> late.summary().processed() == 20);
        assertThat(late.summary().total(Outcome.SILENCED)).as("the team's silence, applied to history too")
                .isEqualTo(10);
        assertThat(pagerDuty.acceptedEvents()).hasSize(10);
        assertThat(late.snapshot().subjects()).hasSize(2);
    }
}
