package dev.klaxon.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.audit.AuditKind;
import dev.klaxon.audit.AuditLog;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.outbox.Backoff;
import dev.klaxon.outbox.NewEvent;
import dev.klaxon.outbox.Outbox;
import dev.klaxon.outbox.RoutingKeyBudget;
import dev.klaxon.pagerduty.EventsApiClient;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.testing.MutableClock;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox records a final outcome before the audit's batch writer commits its row, so a {@code kill -9} between
 * the two used to leave a page PagerDuty had and no audit row named (CrashAnywhereFaultTest: 2–4 per 50 kills).
 * Here the kill is the outbox closed with no audit written at all: real SQLite files, reopened as a restart would.
 */
class AuditCatchUpTest {
    private static final String ROUTING_KEY = "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY12";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T03:00:00Z"));

    @Test
    void outcomesAKilledRunNeverAuditedAreAuditedAtTheNextStartAndOnlyOnce() {
        try (Outbox outbox = Outbox.open(dir.resolve("outbox.db"), clock)) {
            List<Long> ids = outbox.enqueue(List.of(trigger("sent"), trigger("refused"), trigger("waiting"))).join();
            outbox.markDelivered(ids.get(0), 202, "sent", "Event processed").join();
            outbox.markDeadLetter(ids.get(1), 400, "Event object is invalid").join();
        } // killed here: the audit never heard of either outcome

        for (int restart = 1; restart <= 3; restart++) {
            try (Outbox outbox = Outbox.open(dir.resolve("outbox.db"), clock);
                 AuditLog audit = AuditLog.open(dir.resolve("audit.db"), clock)) {
                int audited = AuditCatchUp.run(outbox, audit);

                assertThat(audited).as("restart %d", restart).isEqualTo(restart == 1 ? 2 : 0);
                List<AuditRow> rows = audit.search(AuditQuery.all().kinds(AuditKind.FORWARDED));
                assertThat(rows).extracting(AuditRow::dedupKey).containsExactlyInAnyOrder("sent", "refused");
                assertThat(rows).filteredOn(row -> row.dedupKey().equals("refused")).singleElement()
                        .satisfies(row -> assertThat(row.state() + " " + row.message()).contains("dead_letter", "invalid"));
                assertThat(outbox.auditDue(10)).isEmpty();
                assertThat(audit.verifyChain().intact()).isTrue();
            }
        }
    }

    @Test
    void whatTheLiveSenderAuditedIsNotAuditedAgainAtTheNextStart() throws Exception {
        try (PagerDutySimulator pagerDuty = PagerDutySimulator.start(clock)) {
            try (Outbox outbox = Outbox.open(dir.resolve("outbox.db"), clock);
                 AuditLog audit = AuditLog.open(dir.resolve("audit.db"), clock)) {
                DeliveryService delivery = new DeliveryService(outbox, new EventsApiClient(pagerDuty.eventsUrl(),
                        HttpClient.newHttpClient(), Duration.ofSeconds(5), clock),
                        new RoutingKeyBudget(1_000, Duration.ofMinutes(1)), Backoff.defaults(), 4,
                        Map.of("PD_ROUTING_KEY_PROD", ROUTING_KEY)::get, clock, audit, new SplittableRandom(7));
                outbox.enqueue(List.of(trigger("a"), trigger("b"), trigger("c"))).join();
                delivery.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> outbox.auditDue(10).isEmpty()
                        && audit.search(AuditQuery.all().kinds(AuditKind.FORWARDED)).size() == 3);
                delivery.close();
            }
            try (Outbox outbox = Outbox.open(dir.resolve("outbox.db"), clock);
                 AuditLog audit = AuditLog.open(dir.resolve("audit.db"), clock)) {
                assertThat(AuditCatchUp.run(outbox, audit)).isZero();
                assertThat(audit.search(AuditQuery.all().kinds(AuditKind.FORWARDED))).hasSize(3);
            }
        }
    }

    private static NewEvent trigger(String dedupKey) {
        return OutboxTriggers.trigger(dedupKey, Instant.parse("2026-12-04T02:59:00Z"));
    }
}
