package dev.klaxon.team;

import static dev.klaxon.team.TeamBench.WAIT;
import static dev.klaxon.team.TeamBench.awaitSender;
import static dev.klaxon.team.TeamBench.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.audit.AuditQuery;
import dev.klaxon.engine.Engine;
import dev.klaxon.guard.FloodRelease;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.guard.HeldEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team's flood state on a real JetStream server: every member shows the sender's floods and held triggers, and
 * a release asked on two observers at once reaches the sender and is sent once.
 */
class SharedFloodsTest {
    @TempDir
    Path dir;
    private OneServerTeam bench;

    @BeforeEach
    void start() throws Exception {
        bench = OneServerTeam.start(dir);
        bench.team().guards("""
                  flood:
                    per_subject: 3/1m
                """);
    }

    @AfterEach
    void stop() throws Exception {
        bench.close();
    }

    @Test
    void everyMemberShowsTheSendersFloodAndAReleaseAskedOnTwoObserversIsSentOnce() throws Exception {
        Engine bridge = bench.team().start("bridge", "auto", true);
        awaitSender(bridge);
        Engine alice = bench.team().start("alice", "observer", false);
        Engine bob = bench.team().start("bob", "observer", false);
        await().atMost(WAIT).until(() -> alice.team().status().mode() == TeamStatus.Mode.OBSERVER
                && bob.team().status().mode() == TeamStatus.Mode.OBSERVER);

        for (int i = 0; i < 10; i++) {
            publish(bench.client(), "alerts.prod.db",
                    "{\"summary\":\"disk " + i + "\",\"dedup_key\":\"disk-" + i + "\"}");
        }
        await().atMost(WAIT).until(() -> bridge.heldEvents("alerts.prod.db").size() == 7);
        // Three pages, then the flood's coalesced notice instead of the rest.
        await().atMost(WAIT).until(() -> bench.pagerDuty().acceptedEvents().size() == 4);
        await().atMost(Duration.ofSeconds(3)).until(() -> alice.floods().stream().map(FloodStatus::subject)
                .toList().equals(List.of("alerts.prod.db")) && bob.heldEvents("alerts.prod.db").size() == 7);
        assertThat(alice.heldEvents("alerts.prod.db")).extracting(HeldEvent::summary).startsWith("disk 3", "disk 4");
        assertThat(alice.floods().get(0).held()).isEqualTo(bridge.floods().get(0).held());

        CompletableFuture<Integer> fromAlice = alice.releaseHeld("alerts.prod.db");
        CompletableFuture<Integer> fromBob = bob.releaseHeld("alerts.prod.db");
        int released = fromAlice.get() + fromBob.get();

        assertThat(released).as("seven released once, whoever asked first").isEqualTo(7);
        await().atMost(WAIT).until(() -> bench.pagerDuty().acceptedEvents().size() == 11);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> bench.pagerDuty().acceptedEvents().size() == 11);
        assertThat(bridge.heldEvents("alerts.prod.db")).isEmpty();
        await().atMost(Duration.ofSeconds(3)).until(() -> bob.floodReleases().size() == 1);
        FloodRelease release = bob.floodReleases().get(0);
        assertThat(release.count()).isEqualTo(7);
        assertThat(release.subject()).isEqualTo("alerts.prod.db");
        assertThat(release.member()).as("whoever asked first").isIn("alice", "bob");
        assertThat(alice.floodReleases()).isEqualTo(bridge.floodReleases());
        await().atMost(WAIT).until(() -> bridge.searchAudit(new AuditQuery(null, null, null, null, null, 50))
                .stream().anyMatch(row -> "flood.release".equals(row.action()) && alice.operator().equals(row.actor())
                        && row.target().contains("asked on alice")));
    }

    @Test
    void aNewSenderHoldsAgainWhatTheLastSenderHeldAndAReleaseSendsThemOnce() throws Exception {
        Engine first = bench.team().start("first", "auto", true);
        awaitSender(first);
        for (int i = 0; i < 10; i++) {
            publish(bench.client(), "alerts.prod.db",
                    "{\"summary\":\"disk " + i + "\",\"dedup_key\":\"disk-" + i + "\"}");
        }
        await().atMost(WAIT).until(() -> first.heldEvents("alerts.prod.db").size() == 7);
        await().atMost(WAIT).until(() -> bench.pagerDuty().acceptedEvents().size() == 4);
        Engine alice = bench.team().start("alice", "observer", false);
        await().atMost(WAIT).until(() -> alice.heldEvents("alerts.prod.db").size() == 7);

        bench.team().stop(first); // its memory goes with it; the stream and the team's flood state stay
        Engine next = bench.team().start("next", "auto", true);
        awaitSender(next);
        await().atMost(WAIT).until(() -> next.heldEvents("alerts.prod.db").size() == 7);
        assertThat(next.heldEvents("alerts.prod.db")).extracting(HeldEvent::summary)
                .containsExactly("disk 3", "disk 4", "disk 5", "disk 6", "disk 7", "disk 8", "disk 9");
        await().atMost(WAIT).until(() -> next.searchAudit(new AuditQuery(null, null, null, null, null, 50)).stream()
                .anyMatch(row -> "flood.take-over".equals(row.action())
                        && row.message().startsWith("7 held trigger(s) of first held again from the stream")));
        await().atMost(WAIT).until(() -> alice.heldEvents("alerts.prod.db").size() == 7
                && alice.heldEvents("alerts.prod.db").get(0).summary().equals("disk 3"));

        assertThat(alice.releaseHeld("alerts.prod.db").get()).isEqualTo(7);
        await().atMost(WAIT).until(() -> bench.pagerDuty().acceptedEvents().size() == 11);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> bench.pagerDuty().acceptedEvents().size() == 11);
        assertThat(bench.pagerDuty().acceptedEvents()).extracting(event -> event.path("dedup_key").asText())
                .as("each held trigger sent once, after the take-over").doesNotHaveDuplicates();
        assertThat(next.heldEvents("alerts.prod.db")).isEmpty();
    }

    @Test
    void aReleaseAskedOnAnObserverSendsOnlyTheHeldTriggersItCounted() throws Exception {
        Engine bridge = bench.team().start("bridge", "auto", true);
        awaitSender(bridge);
        Engine alice = bench.team().start("alice", "observer", false);
        await().atMost(WAIT).until(() -> alice.team().status().mode() == TeamStatus.Mode.OBSERVER);

        for (int i = 0; i < 10; i++) {
            publish(bench.client(), "alerts.prod.db",
                    "{\"summary\":\"disk " + i + "\",\"dedup_key\":\"disk-" + i + "\"}");
        }
        await().atMost(WAIT).until(() -> bridge.heldEvents("alerts.prod.db").size() == 7);
        await().atMost(WAIT).until(() -> alice.heldEvents("alerts.prod.db").size() == 7);
        // The person counted four (the fourth's id is the newest they saw): only those go.
        long upTo = alice.heldEvents("alerts.prod.db").get(3).id();

        assertThat(alice.releaseHeld("alerts.prod.db", upTo).get()).isEqualTo(4);
        assertThat(bridge.heldEvents("alerts.prod.db")).extracting(HeldEvent::summary)
                .containsExactly("disk 7", "disk 8", "disk 9");
        await().atMost(WAIT).until(() -> bench.pagerDuty().acceptedEvents().size() == 8);
    }
}
