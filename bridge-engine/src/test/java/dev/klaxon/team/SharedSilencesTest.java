package dev.klaxon.team;

import static dev.klaxon.team.TeamBench.WAIT;
import static dev.klaxon.team.TeamBench.awaitSender;
import static dev.klaxon.team.TeamBench.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.audit.AuditQuery;
import dev.klaxon.decision.Outcome;
import dev.klaxon.engine.Engine;
import dev.klaxon.guard.SilenceConflictException;
import dev.klaxon.guard.SilenceRecord;
import dev.klaxon.guard.SilenceRequest;
import dev.klaxon.guard.SilenceState;
import dev.klaxon.guard.SilenceStorage;
import dev.klaxon.guard.SilenceStore;
import dev.klaxon.route.SubjectPattern;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team's silences in KV on a real JetStream server, with several members: a change on one is enforced by the
 * sender and seen by the others within 2 s; edits are compare and set; a laptop's own silences move in on request.
 */
class SharedSilencesTest {
    private static final Duration SEEN_WITHIN = Duration.ofSeconds(2);

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
    void aSilenceAddedOnAnObserverIsEnforcedByTheSenderAndSeenByEveryMemberWithinTwoSeconds() throws Exception {
        Engine bridge = bench.team().start("bridge", "auto", true);
        awaitSender(bridge);
        Engine alice = bench.team().start("alice", "observer", false);
        Engine bob = bench.team().start("bob", "observer", false);
        awaitObserver(alice);
        awaitObserver(bob);

        long id = alice.addSilence(SilenceRequest.of("alerts.prod.db", Duration.ofMinutes(30), "failover drill"))
                .get().id();
        Instant added = Instant.now();
        await().atMost(SEEN_WITHIN).until(() -> has(bob, id) && has(bridge, id));
        System.out.printf("shared silence seen by the other members after %d ms%n",
                Duration.between(added, Instant.now()).toMillis());

        publish(bench.client(), "alerts.prod.db", "{\"summary\":\"disk\",\"dedup_key\":\"silenced-1\"}");
        publish(bench.client(), "alerts.prod.api", "{\"summary\":\"5xx\",\"dedup_key\":\"paged-1\"}");
        await().atMost(WAIT).until(() -> bench.pagerDuty().acceptedEvents().size() == 1);
        await().atMost(WAIT).until(() -> silenced(bridge, "alerts.prod.db") == 1);
        assertThat(bench.pagerDuty().acceptedEvents().get(0).path("dedup_key").asText()).isEqualTo("paged-1");
        await().atMost(WAIT).until(() -> record(alice, id).matched() == 1);
        assertThat(record(bob, id).matched()).as("the sender's count, not each member's").isEqualTo(1);
        assertThat(record(bob, id).lastChange().describe()).isEqualTo("added by " + alice.operator() + " on alice");

        bob.expireSilence(id, record(bob, id).revision()).get();
        await().atMost(SEEN_WITHIN).until(() -> record(alice, id).state(Instant.now()) == SilenceState.EXPIRED);
        assertThat(record(alice, id).lastChange().describe()).isEqualTo("expired by " + bob.operator() + " on bob");
        publish(bench.client(), "alerts.prod.db", "{\"summary\":\"disk\",\"dedup_key\":\"paged-2\"}");
        await().atMost(WAIT).until(() -> bench.pagerDuty().acceptedEvents().size() == 2);
    }

    @Test
    void twoMembersExtendingTheSameSilenceOneWinsAndTheOtherIsToldWhatItIsNow() throws Exception {
        Engine alice = bench.team().start("alice", "observer", false);
        Engine bob = bench.team().start("bob", "observer", false);
        awaitObserver(alice);
        awaitObserver(bob);
        long id = alice.addSilence(SilenceRequest.of("alerts.prod.>", Duration.ofMinutes(30), "deploy")).get().id();
        await().atMost(SEEN_WITHIN).until(() -> has(bob, id));
        SilenceRecord aliceSaw = record(alice, id);
        SilenceRecord bobSaw = record(bob, id);
        assertThat(bobSaw.revision()).isEqualTo(aliceSaw.revision()).isPositive();

        Instant aliceEnd = aliceSaw.silence().endsAt().plus(Duration.ofHours(1));
        alice.extendSilence(id, aliceEnd, aliceSaw.revision()).get();
        Instant bobEnd = bobSaw.silence().endsAt().plus(Duration.ofMinutes(15));

        assertThat(bob.extendSilence(id, bobEnd, bobSaw.revision())).failsWithin(WAIT)
                .withThrowableThat().havingRootCause().isInstanceOf(SilenceConflictException.class)
                .withMessageContaining("silence #" + id + " was changed (extended by " + alice.operator()
                        + " on alice at")
                .withMessageContaining("it now ends at " + aliceEnd)
                .withMessageContaining("Your extend was not applied");
        await().atMost(SEEN_WITHIN).until(() -> record(bob, id).silence().endsAt().equals(aliceEnd));
        assertThat(record(alice, id).silence().endsAt()).isEqualTo(aliceEnd);

        // Having looked again, bob's extend goes through.
        bob.extendSilence(id, bobEnd.plus(Duration.ofHours(2)), record(bob, id).revision()).get();
        await().atMost(SEEN_WITHIN).until(() -> record(alice, id).silence().endsAt()
                .equals(bobEnd.plus(Duration.ofHours(2))));
        await().atMost(WAIT).until(() -> bob.searchAudit(new AuditQuery(null, null, null, null, null, 50)).stream()
                .anyMatch(row -> "silence.extend".equals(row.action()) && "error".equals(row.state())
                        && row.message().contains("was changed")));
    }

    @Test
    void aLaptopsOwnSilencesMoveIntoTheTeamsOnRequestAndEndLocally() throws Exception {
        Path data = Files.createDirectories(dir.resolve("alice").resolve("data"));
        Instant now = Instant.now();
        try (SilenceStore local = SilenceStore.open(data.resolve("silences.db"))) {
            local.add(SubjectPattern.compile("alerts.prod.cache"), List.of(), now, now.plus(Duration.ofHours(1)),
                    "alice@example.com", "noisy cache", now);
            local.add(SubjectPattern.compile("alerts.prod.old"), List.of(), now.minus(Duration.ofHours(3)),
                    now.minus(Duration.ofHours(2)), "alice@example.com", "long over", now.minus(Duration.ofHours(3)));
        }
        Engine alice = bench.team().start("alice", "auto", false);
        awaitSender(alice);
        assertThat(alice.unsharedSilences().get()).extracting(r -> r.silence().pattern().text())
                .containsExactly("alerts.prod.cache");
        publish(bench.client(), "alerts.prod.cache", "{\"summary\":\"evictions\",\"dedup_key\":\"c-1\"}");
        await().atMost(WAIT).until(() -> bench.pagerDuty().acceptedEvents().size() == 1);

        assertThat(alice.shareLocalSilences().get()).isEqualTo(1);

        assertThat(alice.unsharedSilences().get()).isEmpty();
        List<SilenceRecord> shared = alice.silences().get();
        assertThat(shared).hasSize(1);
        assertThat(shared.get(0).silence().reason()).startsWith("noisy cache (moved by ")
                .contains("from silences.db on alice, where it was #1");
        assertThat(shared.get(0).lastChange().action()).isEqualTo("moved");
        publish(bench.client(), "alerts.prod.cache", "{\"summary\":\"evictions\",\"dedup_key\":\"c-2\"}");
        await().atMost(WAIT).until(() -> silenced(alice, "alerts.prod.cache") == 1);
        assertThat(bench.pagerDuty().acceptedEvents()).hasSize(1);
        await().atMost(WAIT).until(() -> alice.searchAudit(new AuditQuery(null, null, null, null, null, 50)).stream()
                .anyMatch(row -> "silence.share".equals(row.action()) && "ok".equals(row.state())));
    }

    @Test
    void changesAreRefusedWhileTheTeamsSilencesCannotBeReachedAndKnownOnesStayEnforced() throws Exception {
        Engine alice = bench.team().start("alice", "auto", false);
        awaitSender(alice);
        long id = alice.addSilence(SilenceRequest.of("alerts.prod.db", Duration.ofMinutes(30), "drill")).get().id();
        bench.server().close();
        await().atMost(WAIT).until(() -> alice.team().status().mode() != TeamStatus.Mode.SENDER);

        assertThat(alice.extendSilence(id, Instant.now().plus(Duration.ofHours(3)), SilenceStorage.ANY_REVISION))
                .failsWithin(WAIT).withThrowableThat()
                .withMessageContaining("could not extend silence #" + id + " in KLAXON_SILENCES");
        assertThat(alice.explain("alerts.prod.db", "{\"summary\":\"x\"}".getBytes(StandardCharsets.UTF_8), Map.of())
                .outcome())
                .as("a silence seen before the connection went stays in force").isEqualTo(Outcome.SILENCED);
    }

    private static void awaitObserver(Engine engine) {
        await().atMost(WAIT).until(() -> engine.team().status().mode() == TeamStatus.Mode.OBSERVER);
    }

    private static long silenced(Engine engine, String subject) {
        return engine.snapshot().subjects().stream().filter(s -> s.subject().equals(subject))
                .mapToLong(s -> s.count(Outcome.SILENCED)).sum();
    }

    private static boolean has(Engine engine, long id) {
        return engine.silences().join().stream().anyMatch(r -> r.silence().id() == id);
    }

    private static SilenceRecord record(Engine engine, long id) {
        try {
            return engine.silences().join().stream().filter(r -> r.silence().id() == id).findFirst().orElseThrow();
        } catch (CompletionException e) {
            throw new AssertionError(e);
        }
    }
}
