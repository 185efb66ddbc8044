package dev.klaxon.team;

import static dev.klaxon.team.TeamBench.WAIT;
import static dev.klaxon.team.TeamBench.awaitSender;
import static dev.klaxon.team.TeamBench.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.engine.Engine;
import dev.klaxon.stats.HistoryRates;
import dev.klaxon.stats.SubjectSnapshot;
import dev.klaxon.stats.TailEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member that joins late shows the last {@code late_join} of the stream, marked as history and counted at its own
 * time, then goes live without a gap or a double count; a sender that joins late never pages history again.
 */
class LateJoinTest {
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
    void aConsoleThatJoinsLateShowsTheLastMinutesAsHistoryThenGoesLiveWithTheSendersCounts() throws Exception {
        Engine bridge = bench.team().start("bridge", "auto", true);
        awaitSender(bridge);
        publishAlerts("before", 45);
        await().atMost(WAIT).until(() -> bench.pagerDuty().acceptedEvents().size() == 30);

        Instant joined = Instant.now();
        Engine late = bench.team().start("late", "observer", false);
        await().atMost(WAIT).until(() -> late.summary().processed() == 45);
        TailEntry first = late.tail("alerts.prod.db").get(0);
        assertThat(first.receivedAt()).as("counted at the time the stream stored it").isBefore(joined);
        assertThat(first.reason()).contains("history: stored at ").contains("read back from the stream");
        HistoryRates history = late.snapshot().history();
        assertThat(history.subjectTotals().values().stream().mapToLong(Long::longValue).sum())
                .as("all 45 are history, to be drawn where they were stored").isEqualTo(45);
        assertThat(history.buckets()).allSatisfy(bucket -> assertThat(bucket.start()).isBefore(joined));

        publishAlerts("after", 15);
        await().atMost(WAIT).until(() -> late.summary().processed() == 60 && bridge.summary().processed() == 60);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> late.summary().processed() == 60);
        assertThat(totals(late)).as("a late joiner's counts equal the sender's").isEqualTo(totals(bridge));
        List<TailEntry> tail = late.tail("alerts.prod.db");
        TailEntry newest = tail.get(tail.size() - 1);
        assertThat(newest.reason()).doesNotContain("history").contains("sent by the team's sender bridge");
        assertThat(bench.pagerDuty().acceptedEvents()).hasSize(40);
        assertThat(late.snapshot().history().subjectTotals().values().stream().mapToLong(Long::longValue).sum())
                .as("live messages are not history").isEqualTo(45);
    }

    @Test
    void aSenderThatJoinsLateShowsSettledHistoryAndPagesOnlyWhatNobodyPaged() throws Exception {
        Engine first = bench.team().start("first", "auto", true);
        awaitSender(first);
        publishAlerts("paged", 30);
        await().atMost(WAIT).until(() -> bench.pagerDuty().acceptedEvents().size() == 20);
        await().atMost(WAIT).until(() -> first.team().status().consumer() != null
                && first.team().status().consumer().ackPending() == 0);
        bench.team().stop(first);

        publishAlerts("asleep", 9); // nobody is up: the stream keeps them
        Engine second = bench.team().start("second", "auto", true);
        awaitSender(second);
        await().atMost(WAIT).until(() -> bench.pagerDuty().acceptedEvents().size() == 26);
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> second.summary().processed() == 39);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("processed " + second.summary().processed() + " " + totals(second), e);
        }
        await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> second.summary().processed() == 39
                && bench.pagerDuty().acceptedEvents().size() == 26);
        assertThat(bench.pagerDuty().acceptedEvents()).extracting(event -> event.path("dedup_key").asText())
                .as("history is shown, never paged again").doesNotHaveDuplicates();
    }

    @Test
    void lateJoinZeroShowsOnlyWhatArrivesFromThenOn() throws Exception {
        Engine bridge = bench.team().start("bridge", "auto", true);
        awaitSender(bridge);
        publishAlerts("before", 6);
        await().atMost(WAIT).until(() -> bridge.summary().processed() == 6);
        bench.team().jetstream("{ ack_wait: 2s, late_join: 0s }");
        Engine late = bench.team().start("late", "observer", false);
        await().atMost(WAIT).until(() -> late.team().status().mode() == TeamStatus.Mode.OBSERVER);
        publishAlerts("after", 3);
        await().atMost(WAIT).until(() -> late.summary().processed() == 3);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> late.summary().processed() == 3);
    }

    /** Two of each three on a paged subject, one on a logged one. */
    private void publishAlerts(String prefix, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String subject = i % 3 == 2 ? "alerts.staging.db" : "alerts.prod.db";
            publish(bench.client(), subject, "{\"summary\":\"" + prefix + " " + i + "\",\"dedup_key\":\"" + prefix
                    + "-" + i + "\"}");
        }
    }

    private static Map<String, Long> totals(Engine engine) {
        Map<String, Long> totals = new TreeMap<>();
        for (SubjectSnapshot subject : engine.snapshot().subjects()) {
            totals.put(subject.subject(), subject.total());
        }
        return totals;
    }
}
