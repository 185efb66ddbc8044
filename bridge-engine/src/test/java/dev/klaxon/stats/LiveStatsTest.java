package dev.klaxon.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.decision.Decision;
import dev.klaxon.decision.Outcome;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.decision.RuleHit;
import dev.klaxon.message.AlertMessage;
import dev.klaxon.message.DecodeResult;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.message.MessageDecoder;
import dev.klaxon.message.Severity;
import dev.klaxon.message.StreamPosition;
import dev.klaxon.route.RouteAction;
import dev.klaxon.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveStatsTest {
    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");
    private final MutableClock clock = new MutableClock(T0);

    private static InboundMessage message(String subject, String body, Instant at) {
        return InboundMessage.of(subject, body.getBytes(StandardCharsets.UTF_8), at);
    }

    private static Decision decision(String subject, Outcome outcome, Instant at) {
        return new Decision(at, subject, outcome, outcome.label() + " because", List.of(), null);
    }

    private void record(LiveStats stats, String subject, String body, Outcome outcome) {
        Instant at = clock.instant();
        stats.record(message(subject, body, at), decision(subject, outcome, at), null);
    }

    private static SubjectSnapshot only(LiveStats stats, String subject) {
        return stats.subjects().stream().filter(s -> s.subject().equals(subject)).findFirst().orElseThrow();
    }

    @Test
    void countsPerSubjectAndOutcomeAndTotals() {
        LiveStats stats = new LiveStats(clock, StatsLimits.defaults());
        record(stats, "alerts.prod.db", "{}", Outcome.SHADOWED);
        record(stats, "alerts.prod.db", "{}", Outcome.SHADOWED);
        record(stats, "alerts.prod.db", "oops", Outcome.REJECTED);
        record(stats, "alerts.staging.db", "{}", Outcome.LOGGED);

        SubjectSnapshot db = only(stats, "alerts.prod.db");
        assertThat(db.total()).isEqualTo(3);
        assertThat(db.count(Outcome.SHADOWED)).isEqualTo(2);
        assertThat(db.count(Outcome.REJECTED)).isEqualTo(1);
        assertThat(db.count(Outcome.LOGGED)).isZero();
        assertThat(db.lastSeen()).isEqualTo(T0);
        assertThat(stats.totals()).containsEntry(Outcome.SHADOWED, 2L).containsEntry(Outcome.LOGGED, 1L)
                .containsEntry(Outcome.REJECTED, 1L).containsEntry(Outcome.FORWARDED, 0L);
        assertThat(stats.lastReasons()).containsEntry(Outcome.REJECTED, "rejected because");
    }

    @Test
    void lastSeenIsTheNewestMessageAndEachOutcomeKeepsItsNewestReason() {
        LiveStats stats = new LiveStats(clock, StatsLimits.defaults());
        record(stats, "alerts.prod.db", "{}", Outcome.LOGGED);
        clock.advance(Duration.ofSeconds(5));
        Instant later = clock.instant();
        stats.record(message("alerts.prod.db", "{}", later),
                new Decision(later, "alerts.prod.db", Outcome.LOGGED, "second rule", List.of(), null), null);
        record(stats, "alerts.staging.db", "{}", Outcome.LOGGED);

        assertThat(only(stats, "alerts.prod.db").lastSeen()).isEqualTo(later);
        assertThat(only(stats, "alerts.staging.db").lastSeen()).isEqualTo(later);
        assertThat(stats.lastReasons()).containsEntry(Outcome.LOGGED, "logged because");
    }

    @Test
    void aStreamMessageWatchedThenPulledIsCountedOnceUnderItsLastDecision() {
        LiveStats stats = new LiveStats(clock, StatsLimits.defaults());
        InboundMessage watched = message("alerts.prod.db", "{}", T0)
                .at(new StreamPosition("KLAXON_ALERTS", 7, "KLAXON_ALERTS:7", 1, null, null));
        InboundMessage other = message("alerts.prod.db", "{}", T0)
                .at(new StreamPosition("KLAXON_ALERTS", 8, "KLAXON_ALERTS:8", 1, null, null));
        stats.record(watched, decision("alerts.prod.db", Outcome.DEDUPLICATED, T0), null);
        stats.record(other, decision("alerts.prod.db", Outcome.FORWARDED, T0), null);
        stats.record(watched, decision("alerts.prod.db", Outcome.FORWARDED, T0), null); // pulled as the sender

        SubjectSnapshot db = only(stats, "alerts.prod.db");
        assertThat(db.total()).isEqualTo(2);
        assertThat(db.count(Outcome.FORWARDED)).isEqualTo(2);
        assertThat(db.count(Outcome.DEDUPLICATED)).isZero();
        assertThat(stats.totals()).containsEntry(Outcome.FORWARDED, 2L).containsEntry(Outcome.DEDUPLICATED, 0L);
        assertThat(stats.tail("alerts.prod.db")).extracting(TailEntry::streamSequence, TailEntry::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(7L, Outcome.FORWARDED),
                        org.assertj.core.groups.Tuple.tuple(8L, Outcome.FORWARDED));
    }

    @Test
    void countsSeveritiesOfDecodedMessagesAndLeavesTheRestUnknown() {
        LiveStats stats = new LiveStats(clock, StatsLimits.defaults());
        recordDecoded(stats, "{\"severity\":\"fatal\"}", null);
        recordDecoded(stats, "{\"severity\":\"critical\"}", null);
        recordDecoded(stats, "{\"severity\":\"warn\"}", null);
        // No severity of its own: the page event went out with the route's default, and that is what it paged as.
        recordDecoded(stats, "{\"summary\":\"disk\"}", "error");
        // Decoded, but no event rendered and no severity given: nothing to tell.
        recordDecoded(stats, "{\"summary\":\"disk\"}", null);
        // Logged without being decoded (no page rule): unknown, never guessed.
        record(stats, "alerts.staging.db", "{\"severity\":\"info\"}", Outcome.LOGGED);

        SeverityTotals severities = stats.severities();
        assertThat(severities).isEqualTo(new SeverityTotals(2, 1, 1, 0, 2));
        assertThat(severities.count(Severity.CRITICAL)).isEqualTo(2);
        assertThat(severities.count(null)).isEqualTo(2);
        assertThat(severities.total()).isEqualTo(6);
    }

    private void recordDecoded(LiveStats stats, String body, String eventSeverity) {
        Instant at = clock.instant();
        InboundMessage inbound = message("alerts.prod.db", body, at);
        AlertMessage decoded = ((DecodeResult.Decoded) new MessageDecoder().decode(inbound)).message();
        List<RuleHit> hits = List.of();
        if (eventSeverity != null) {
            ObjectNode event = JsonNodeFactory.instance.objectNode();
            event.putObject("payload").put("severity", eventSeverity);
            hits = List.of(new RuleHit(0, "prod", RouteAction.PAGE, false, event, List.of(), null));
        }
        stats.record(inbound, new Decision(at, inbound.subject(), Outcome.FORWARDED, "paged", hits, decoded), null);
    }

    @Test
    void ratesCoverTheLastFullSecondAndTheLastMinute() {
        LiveStats stats = new LiveStats(clock, StatsLimits.defaults());
        for (int i = 0; i < 30; i++) {
            record(stats, "s", "{}", Outcome.LOGGED);
        }
        // Still inside the second being counted: it is not complete yet.
        assertThat(only(stats, "s").rate1s()).isZero();

        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 6; i++) {
            record(stats, "s", "{}", Outcome.LOGGED);
        }
        assertThat(only(stats, "s").rate1s()).isEqualTo(30.0);
        assertThat(only(stats, "s").rate1m()).isEqualTo(0.5);

        clock.advance(Duration.ofSeconds(1));
        assertThat(only(stats, "s").rate1s()).isEqualTo(6.0);
        assertThat(only(stats, "s").rate1m()).isEqualTo(36 / 60.0);

        clock.advance(Duration.ofSeconds(59));
        assertThat(only(stats, "s").rate1m()).isEqualTo(6 / 60.0);
        clock.advance(Duration.ofSeconds(1));
        assertThat(only(stats, "s").rate1m()).isZero();
        assertThat(only(stats, "s").total()).isEqualTo(36);
    }

    @Test
    void tailKeepsTheNewestMessagesInOrderAndBoundsBodies() {
        LiveStats stats = new LiveStats(clock, new StatsLimits(10, 3, 64, 20));
        for (int i = 1; i <= 5; i++) {
            record(stats, "s", "{\"n\":" + i + "}", Outcome.LOGGED);
        }
        record(stats, "s", "x".repeat(100), Outcome.REJECTED);

        List<TailEntry> tail = stats.tail("s");
        assertThat(tail).extracting(TailEntry::body).containsExactly("{\"n\":4}", "{\"n\":5}", "x".repeat(64));
        TailEntry last = tail.get(2);
        assertThat(last.truncated()).isTrue();
        assertThat(last.bodyBytes()).isEqualTo(100);
        assertThat(last.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(tail.get(0).truncated()).isFalse();
        assertThat(stats.tail("unknown")).isEmpty();
    }

    @Test
    void previewIsOneShortLine() {
        LiveStats stats = new LiveStats(clock, new StatsLimits(10, 3, 4096, 20));
        record(stats, "s", "{\n  \"summary\":\t\"disk\u0000full\"\n}", Outcome.LOGGED);
        assertThat(only(stats, "s").lastPreview()).isEqualTo("{ \"summary\": \"disk …");

        record(stats, "t", "short", Outcome.LOGGED);
        assertThat(only(stats, "t").lastPreview()).isEqualTo("short");
    }

    @Test
    void subjectsBeyondTheCapShareTheOtherBucket() {
        LiveStats stats = new LiveStats(clock, new StatsLimits(100, 2, 64, 20));
        for (int i = 0; i < 10_000; i++) {
            record(stats, "alerts.random." + i, "{}", Outcome.LOGGED);
        }
        assertThat(stats.trackedSubjects()).isEqualTo(100);
        List<SubjectSnapshot> all = stats.subjects();
        assertThat(all).hasSize(101);
        assertThat(only(stats, LiveStats.OTHER_SUBJECTS).total()).isEqualTo(9_900);
        assertThat(all.stream().mapToLong(SubjectSnapshot::total).sum()).isEqualTo(10_000);
        assertThat(stats.tail(LiveStats.OTHER_SUBJECTS)).hasSize(2);
        // A subject tracked before the cap was reached keeps its own row.
        record(stats, "alerts.random.0", "{}", Outcome.LOGGED);
        assertThat(only(stats, "alerts.random.0").total()).isEqualTo(2);
    }

    @Test
    void aSlotKeptByTheCallerCountsWhereTheSubjectItselfWouldBeCounted() {
        LiveStats stats = new LiveStats(clock, new StatsLimits(2, 5, 64, 20));
        SubjectStats db = stats.slot("alerts.prod.db");
        SubjectStats api = stats.slot("alerts.prod.api");
        SubjectStats pastTheCap = stats.slot("alerts.prod.cache");

        assertThat(stats.slot("alerts.prod.db")).isSameAs(db);
        assertThat(pastTheCap).isNotSameAs(db).isNotSameAs(api);
        Instant at = clock.instant();
        for (int i = 0; i < 3; i++) {
            stats.record(db, message("alerts.prod.db", "{}", at), decision("alerts.prod.db", Outcome.LOGGED, at));
            stats.record(pastTheCap, message("alerts.prod.cache", "{}", at),
                    decision("alerts.prod.cache", Outcome.DROPPED, at));
        }
        record(stats, "alerts.prod.db", "{}", Outcome.LOGGED); // and once by name
        record(stats, "alerts.prod.cache", "{}", Outcome.DROPPED);

        assertThat(only(stats, "alerts.prod.db").count(Outcome.LOGGED)).isEqualTo(4);
        assertThat(only(stats, LiveStats.OTHER_SUBJECTS).count(Outcome.DROPPED)).isEqualTo(4);
        assertThat(stats.subjects()).extracting(SubjectSnapshot::subject)
                .containsExactlyInAnyOrder("alerts.prod.db", "alerts.prod.api", LiveStats.OTHER_SUBJECTS);
        assertThat(stats.tail("alerts.prod.db")).hasSize(4);
        assertThat(stats.totals()).containsEntry(Outcome.LOGGED, 4L).containsEntry(Outcome.DROPPED, 4L);
    }

    @Test
    void callerChosenBucketKeepsAbsurdSubjectsOutOfTheTable() {
        LiveStats stats = new LiveStats(clock, StatsLimits.defaults());
        String absurd = "a".repeat(5_000);
        stats.record(message(absurd, "{}", T0), Decision.rejected(T0, absurd, "subject too long"),
                LiveStats.INVALID_SUBJECTS);
        assertThat(stats.subjects()).extracting(SubjectSnapshot::subject).containsExactly(LiveStats.INVALID_SUBJECTS);
    }
}
