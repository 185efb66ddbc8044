package dev.klaxon.outbox;

import static dev.klaxon.outbox.Events.PROD;
import static dev.klaxon.outbox.Events.STAGING;
import static dev.klaxon.outbox.Events.event;
import static dev.klaxon.outbox.Events.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.testing.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private Path file;
    private Outbox outbox;

    @BeforeEach
    void open() {
        file = dir.resolve("outbox.db");
        outbox = Outbox.open(file, clock);
    }

    @AfterEach
    void close() {
        outbox.close();
    }

    private List<Long> enqueue(NewEvent... events) {
        return outbox.enqueue(List.of(events)).join();
    }

    private List<Long> dueIds() {
        return dueIds(Set.of());
    }

    private List<Long> dueIds(Set<String> excluded) {
        return outbox.due(clock.instant(), 100, excluded).stream().map(PendingEvent::id).toList();
    }

    @Test
    void enqueuedEventIsDueThenDeliveredWithItsAttemptRecorded() {
        long id = enqueue(trigger("db/disk", T0.minusMillis(5))).get(0);

        List<PendingEvent> due = outbox.due(clock.instant(), 10, Set.of());
        assertThat(due).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(id);
            assertThat(e.routingKeyRef()).isEqualTo(PROD);
            assertThat(e.dedupKey()).isEqualTo("db/disk");
            assertThat(e.eventAction()).isEqualTo("trigger");
            assertThat(e.attempts()).isZero();
            assertThat(e.receivedAt()).isEqualTo(T0.minusMillis(5));
            assertThat(e.bodyJson()).contains("\"routing_key\":\"********");
        });

        clock.advance(Duration.ofMillis(40));
        outbox.markDelivered(id, 202, "db/disk", "Event processed").join();

        assertThat(dueIds()).isEmpty();
        EventRecord record = outbox.recent(1).get(0);
        assertThat(record.state()).isEqualTo(EventState.DELIVERED);
        assertThat(record.attempts()).isEqualTo(1);
        assertThat(record.deliveredAt()).isEqualTo(T0.plusMillis(40));
        assertThat(record.pdDedupKey()).isEqualTo("db/disk");
        assertThat(record.pdMessage()).isEqualTo("Event processed");
        assertThat(outbox.attempts(id)).containsExactly(
                new AttemptRecord(id, T0.plusMillis(40), 202, AttemptOutcome.DELIVERED, "Event processed"));
    }

    @Test
    void eventsOfOneKeyComeOneAtATimeInOrderAndADeadLetterDoesNotBlockTheKey() {
        List<Long> ids = enqueue(event(PROD, "k", "trigger", T0), event(PROD, "k", "acknowledge", T0),
                event(PROD, "k", "resolve", T0));
        long other = enqueue(trigger("other", T0)).get(0);

        assertThat(dueIds()).containsExactly(ids.get(0), other);
        outbox.markDelivered(ids.get(0), 202, "k", "ok").join();
        // Same due time (enqueue time), so arrival order: the acknowledge arrived before the other key's trigger.
        assertThat(dueIds()).containsExactly(ids.get(1), other);
        outbox.markDeadLetter(ids.get(1), 400, "Event object is invalid").join();
        assertThat(dueIds()).containsExactly(ids.get(2), other);
        outbox.markDelivered(ids.get(2), 202, "k", "ok").join();
        assertThat(dueIds()).containsExactly(other);
    }

    @Test
    void theSameDedupKeyUnderAnotherRoutingKeyIsAnotherOrderKey() {
        long prod = enqueue(event(PROD, "k", "trigger", T0)).get(0);
        long staging = enqueue(event(STAGING, "k", "trigger", T0)).get(0);
        enqueue(event(PROD, "k", "resolve", T0));

        assertThat(dueIds()).containsExactly(prod, staging);
    }

    @Test
    void eventsWithoutDedupKeyAreIndependentAndEachHasItsOwnOrderKey() {
        List<Long> ids = enqueue(event(PROD, null, "trigger", T0), event(PROD, null, "trigger", T0));

        List<PendingEvent> due = outbox.due(T0, 10, Set.of());
        assertThat(due).extracting(PendingEvent::id).containsExactlyElementsOf(ids);
        assertThat(due.get(0).orderKey()).isNotEqualTo(due.get(1).orderKey());
        assertThat(dueIds(Set.of(due.get(0).orderKey()))).containsExactly(ids.get(1));
    }

    @Test
    void excludedKeysAreSkippedWithoutShrinkingTheBatch() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.addAll(enqueue(trigger("k" + i, T0)));
        }
        List<PendingEvent> firstTwo = outbox.due(T0, 2, Set.of());
        Set<String> inFlight = Set.of(firstTwo.get(0).orderKey(), firstTwo.get(1).orderKey());

        assertThat(outbox.due(T0, 2, inFlight)).extracting(PendingEvent::id).containsExactly(ids.get(2), ids.get(3));
    }

    @Test
    void aRetryHoldsItsKeyUntilItsTimeComes() {
        List<Long> ids = enqueue(event(PROD, "k", "trigger", T0), event(PROD, "k", "resolve", T0));
        outbox.markRetry(ids.get(0), T0.plusSeconds(30), 429, "Request Limit Exceeded").join();

        clock.advance(Duration.ofMillis(29_999));
        assertThat(dueIds()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(outbox.due(clock.instant(), 10, Set.of())).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(ids.get(0));
            assertThat(e.attempts()).isEqualTo(1);
        });
        outbox.markRetry(ids.get(0), clock.instant().plusSeconds(1), null, "connection reset").join();
        assertThat(outbox.attempts(ids.get(0))).extracting(AttemptRecord::httpStatus, AttemptRecord::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(429, "Request Limit Exceeded"),
                        org.assertj.core.groups.Tuple.tuple(null, "connection reset"));
    }

    @Test
    void overdueRetriesComeBeforeFreshEvents() {
        long retried = enqueue(trigger("a", T0)).get(0);
        outbox.markRetry(retried, T0.plusSeconds(1), 500, "server error").join();
        clock.advance(Duration.ofSeconds(5));
        long fresh = enqueue(trigger("b", clock.instant())).get(0);

        assertThat(dueIds()).containsExactly(retried, fresh);
    }

    @Test
    void deadLetterIsListedAndRequeueMakesItPendingAheadOfYoungerEventsOfItsKey() {
        List<Long> ids = enqueue(event(PROD, "k", "trigger", T0), event(PROD, "k", "resolve", T0));
        outbox.markDeadLetter(ids.get(0), 400, "Event object is invalid").join();
        assertThat(dueIds()).containsExactly(ids.get(1));
        assertThat(outbox.deadLetters(10)).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(ids.get(0));
            assertThat(e.state()).isEqualTo(EventState.DEAD_LETTER);
            assertThat(e.lastStatus()).isEqualTo(400);
            assertThat(e.lastMessage()).isEqualTo("Event object is invalid");
        });

        clock.advance(Duration.ofMinutes(3));
        outbox.requeue(ids.get(0)).join();

        assertThat(outbox.deadLetters(10)).isEmpty();
        assertThat(dueIds()).containsExactly(ids.get(0));
        EventRecord requeued = outbox.event(ids.get(0)).orElseThrow();
        assertThat(requeued.state()).isEqualTo(EventState.PENDING);
        assertThat(requeued.requeues()).isEqualTo(1);
        assertThat(requeued.attempts()).isEqualTo(1);
        assertThat(outbox.attempts(ids.get(0))).hasSize(1);
        outbox.markDelivered(ids.get(0), 202, "k", "ok").join();
        assertThat(dueIds()).containsExactly(ids.get(1));
    }

    @Test
    void marksOnEventsInTheWrongStateFailOnlyTheirOwnFuture() {
        long id = enqueue(trigger("k", T0)).get(0);
        var wrong = outbox.requeue(id);
        var right = outbox.markDelivered(id, 202, "k", "ok");
        var again = outbox.markDelivered(id, 202, "k", "ok");

        assertThatThrownBy(wrong::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        right.join();
        assertThatThrownBy(again::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(outbox.attempts(id)).hasSize(1);
    }

    @Test
    void statsCountPendingAgeDeadLettersAndRecentDeliveries() {
        List<Long> ids = enqueue(event(PROD, "a", "trigger", T0.minusSeconds(10)), event(PROD, "b", "trigger", T0),
                event(STAGING, "c", "trigger", T0), event(STAGING, "d", "trigger", T0),
                event(STAGING, "e", "trigger", T0));
        outbox.markDelivered(ids.get(1), 202, "b", "ok").join();
        clock.advance(Duration.ofSeconds(90));
        outbox.markDelivered(ids.get(2), 202, "c", "ok").join();
        outbox.markDeadLetter(ids.get(3), 400, "bad").join();

        OutboxStats stats = outbox.stats(clock.instant());

        assertThat(stats.pending()).isEqualTo(2);
        assertThat(stats.oldestPendingAge()).isEqualTo(Duration.ofSeconds(100));
        assertThat(stats.deadLetters()).isEqualTo(1);
        assertThat(stats.deliveredLastMinute()).isEqualTo(1);
        assertThat(stats.pendingByRoutingKeyRef()).isEqualTo(Map.of(PROD, 1L, STAGING, 1L));
        assertThat(outbox.stats(clock.instant()).pendingByRoutingKeyRef().keySet()).containsExactly(PROD, STAGING);
    }

    @Test
    void emptyOutboxStats() {
        assertThat(outbox.stats(T0)).isEqualTo(new OutboxStats(0, Duration.ZERO, 0, 0, Map.of()));
    }

    @Test
    void reopeningKeepsPendingEventsAndTheirOrderAndDoesNotReuseIds() {
        List<Long> ids = enqueue(event(PROD, "k", "trigger", T0), event(PROD, "k", "resolve", T0));
        long delivered = enqueue(trigger("x", T0)).get(0);
        outbox.markDelivered(delivered, 202, "x", "ok").join();
        outbox.close();

        outbox = Outbox.open(file, clock);

        assertThat(dueIds()).containsExactly(ids.get(0));
        assertThat(outbox.stats(T0).pending()).isEqualTo(2);
        assertThat(enqueue(trigger("y", T0)).get(0)).isGreaterThan(delivered);
    }

    @Test
    void schemaIsVersionedAndUsesWal() throws Exception {
        outbox.close();
        outbox = Outbox.open(file, clock); // a second open must not re-run migrations
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                assertThat(rs.getInt(1)).isEqualTo(Migrations.latestVersion());
            }
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
        }
    }

    @Test
    void keepsTheRuleLabelAndNamesRowsFromBeforeSchemaThreeByIndex() throws Exception {
        long id = enqueue(trigger("k", T0)).get(0);
        assertThat(outbox.event(id).orElseThrow().rule()).isEqualTo("routes[0] \"alerts.prod.>\"");
        assertThat(outbox.due(T0, 10, Set.of()).get(0).rule()).isEqualTo("routes[0] \"alerts.prod.>\"");
        outbox.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE events SET rule = NULL, rule_index = 3"); // as schema 2 left it
        }
        outbox = Outbox.open(file, clock);
        assertThat(outbox.event(id).orElseThrow().rule()).isEqualTo("routes[3]");
    }

    @Test
    void refusesAFileFromANewerSchema() throws Exception {
        outbox.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.executeUpdate("PRAGMA user_version = " + (Migrations.latestVersion() + 1));
        }
        assertThatThrownBy(() -> Outbox.open(file, clock)).isInstanceOf(OutboxException.class)
                .hasMessageContaining("newer");
        outbox = Outbox.open(dir.resolve("other.db"), clock); // for @AfterEach
    }

    @Test
    void writesAfterCloseFail() {
        outbox.close();
        assertThatThrownBy(() -> outbox.enqueue(List.of(trigger("k", T0))).join())
                .hasCauseInstanceOf(IllegalStateException.class);
        outbox = Outbox.open(file, clock);
    }

    @Test
    void dueUsesTheHeadIndexWithoutSortingOrScanning() {
        List<String> plan = outbox.explain(Outbox.DUE_SQL, T0.toEpochMilli(), 10);
        assertThat(String.join("\n", plan)).contains("USING INDEX events_due").doesNotContain("TEMP B-TREE")
                .doesNotContain("SCAN");
    }

    @Test
    void dueStaysCheapWithManyPendingEventsBehindFewHeads() {
        // 100k pending rows, 50k of them waiting behind a head of their key: due must still return the heads only.
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            batch.add(event(PROD, "k" + i, "trigger", T0));
            batch.add(event(PROD, "k" + i, "resolve", T0));
        }
        outbox.enqueue(batch).join();

        List<PendingEvent> due = outbox.due(T0, 500, Set.of());
        assertThat(due).hasSize(500).allSatisfy(e -> assertThat(e.eventAction()).isEqualTo("trigger"));
        assertThat(outbox.stats(T0).pending()).isEqualTo(100_000);
    }

    @Test
    void rejectsWhatLooksLikeASecret() {
        assertThatThrownBy(() -> event("env:" + "a".repeat(32), "k", "trigger", T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("aaaa");
        assertThatThrownBy(() -> event("b".repeat(32), "k", "trigger", T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NewEvent("s", 0, "routes[0] \"s\"", PROD, Endpoint.ALERT, "k", "trigger",
                "{\"routing_key\":\"" + "c".repeat(32) + "\"}", T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pruneDeletesOldDeliveredEventsOnly() {
        List<Long> ids = enqueue(trigger("a", T0), trigger("b", T0));
        outbox.markDelivered(ids.get(0), 202, "a", "ok").join();
        clock.advance(Duration.ofDays(2));

        assertThat(outbox.pruneDelivered(clock.instant().minus(Duration.ofDays(1))).join()).isEqualTo(1);
        assertThat(outbox.recent(10)).extracting(EventRecord::id).containsExactly(ids.get(1));
        assertThat(outbox.attempts(ids.get(0))).isEmpty();
    }

    @Test
    void closeCommitsWhatIsQueued() throws Exception {
        List<java.util.concurrent.CompletableFuture<List<Long>>> futures = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            futures.add(outbox.enqueue(List.of(trigger("k" + i, T0))));
        }
        outbox.close();
        for (var f : futures) {
            assertThat(f.get(10, TimeUnit.SECONDS)).hasSize(1);
        }
        outbox = Outbox.open(file, clock);
        assertThat(outbox.stats(T0).pending()).isEqualTo(1_000);
    }
}
