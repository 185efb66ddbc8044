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
import dev.klaxon.simulator.Fault;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.storage.StorageState;
import dev.klaxon.testing.DiskFiller;
import dev.klaxon.testing.MutableClock;
import dev.klaxon.testing.TmpfsMount;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender on a real outbox whose filesystem (a 1 MB tmpfs) is full, against the PagerDuty double answering 503:
 * no attempt can be recorded, yet the retries must keep to the backoff, and once space and PagerDuty are back
 * every event is delivered and audited. The clock is the test's, so "no retry yet" is exact, not a timing guess.
 */
class UnrecordableOutcomeBackoffTest {
    private static final String ROUTING_KEY = "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY12";
    private static final int EVENTS = 5;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T03:00:00Z"));
    private TmpfsMount disk;
    private Outbox outbox;
    private AuditLog audit;
    private PagerDutySimulator pagerDuty;
    private DeliveryService delivery;

    @BeforeEach
    void fillTheDiskUnderACommittedOutbox() throws Exception {
        disk = TmpfsMount.mount(dir.resolve("data"), "size=1m");
        outbox = Outbox.open(disk.dir().resolve("outbox.db"), clock);
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(trigger("disk-" + i));
        }
        outbox.enqueue(events).join();
        DiskFiller.fill(disk.dir().resolve("outbox.db"), disk.dir().resolve("ballast"));
        audit = AuditLog.open(dir.resolve("audit/audit.db"), clock); // elsewhere: only the outbox's disk is full
        pagerDuty = PagerDutySimulator.start(clock).startOutage(Fault.serverError(503));
        delivery = new DeliveryService(outbox, new EventsApiClient(pagerDuty.eventsUrl(), HttpClient.newHttpClient(),
                Duration.ofSeconds(5), clock), new RoutingKeyBudget(1_000, Duration.ofMinutes(1)),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)), 4,
                Map.of("PD_ROUTING_KEY_PROD", ROUTING_KEY)::get, clock, audit, new SplittableRandom(7));
        delivery.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (delivery != null) {
            delivery.close();
        }
        if (pagerDuty != null) {
            pagerDuty.close();
        }
        if (audit != null) {
            audit.close();
        }
        if (outbox != null) {
            outbox.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    private static NewEvent trigger(String dedupKey) {
        return OutboxTriggers.trigger(dedupKey, Instant.parse("2026-11-22T02:59:00Z"));
    }

    @Test
    void retriesKeepToTheBackoffWhenNoAttemptCanBeRecordedAndEverythingGoesOnceSpaceReturns() throws Exception {
        // Each pending event is tried once and its 503 cannot be recorded: the file still says "due now".
        await().atMost(WAIT).until(() -> pagerDuty.received().size() >= EVENTS);
        // With the clock standing still no retry is due, whatever the file says. Before the fix the same five
        // events went out again at once, hundreds of times a second.
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> pagerDuty.received().size() == EVENTS);
        assertThat(outbox.health().state()).isEqualTo(StorageState.FULL);
        assertThat(outbox.health().problem()).contains("outbox.db", "database or disk is full");

        // The first retry waits at most the base (1 s); the second backs off further, still unrecorded.
        clock.advance(Duration.ofSeconds(2));
        await().atMost(WAIT).until(() -> pagerDuty.received().size() == 2 * EVENTS);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> pagerDuty.received().size() == 2 * EVENTS);

        Files.delete(disk.dir().resolve("ballast")); // space returns
        pagerDuty.endOutage();
        clock.advance(Duration.ofMinutes(1));
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() >= EVENTS
                && outbox.stats(clock.instant()).pending() == 0);

        assertThat(pagerDuty.acceptedEvents()).extracting(e -> e.get("dedup_key").asText())
                .containsExactlyInAnyOrder("disk-0", "disk-1", "disk-2", "disk-3", "disk-4");
        assertThat(outbox.health().state()).isEqualTo(StorageState.OK);
        audit.flush().join();
        assertThat(audit.search(AuditQuery.all().kinds(AuditKind.FORWARDED))).extracting(AuditRow::dedupKey)
                .containsExactlyInAnyOrder("disk-0", "disk-1", "disk-2", "disk-3", "disk-4");
    }
}
