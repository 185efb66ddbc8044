package dev.klaxon.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.audit.AuditKind;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.decision.Outcome;
import dev.klaxon.guard.HeldEvent;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.stats.SubjectSnapshot;
import dev.klaxon.testing.MutableClock;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point of the guards: 100,000 alerts over 100 subjects, as fast as a real nats-server takes them. Each subject
 * pages up to its flood threshold, then one coalesced incident stands for the rest; the budget caps what reaches
 * PagerDuty per minute; every message is accounted for.
 */
class FloodEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ROUTING_KEY = "f100df100df100df100df100df100d12";
    private static final int SUBJECTS = 100;
    private static final int PER_SUBJECT = 1_000;
    private static final int THRESHOLD = 30;
    private static final int BUDGET = 600;

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T03:00:00Z"));
    private NatsServerProcess server;
    private PagerDutySimulator pagerDuty;
    private Engine engine;

    @BeforeEach
    void start() throws Exception {
        server = NatsServerProcess.start();
        pagerDuty = PagerDutySimulator.start(clock);
        engine = TestEngines.startConnected(dir, """
                nats:
                  servers: ["%s"]
                  subjects: ["alerts.>"]
                pagerduty:
                  events_url: "%s"
                  budget_per_minute: %d
                  retry: { base: 1s, cap: 30s }
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_ROUTING_KEY_PROD
                guards:
                  dedup_window: 5m
                  flood:
                    per_subject: %d/1m
                """.formatted(server.url(), pagerDuty.eventsUrl(), BUDGET, dir.resolve("data"), THRESHOLD), clock,
                Map.of("PD_ROUTING_KEY_PROD", ROUTING_KEY));
    }

    @AfterEach
    void stop() {
        engine.close();
        pagerDuty.close();
        server.close();
    }

    @Test
    void oneCoalescedIncidentPerFloodingSubjectTheBudgetHoldsAndEveryMessageIsCounted() throws Exception {
        try (Connection publisher = Nats.connect(server.url())) {
            for (int i = 0; i < PER_SUBJECT; i++) {
                for (int s = 0; s < SUBJECTS; s++) {
                    publisher.publish("alerts.prod.svc" + s, ("{\"summary\":\"errors\",\"source\":\"host-" + (i % 7)
                            + "\",\"severity\":\"error\",\"dedup_key\":\"svc" + s + "/" + i + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            publisher.flush(Duration.ofSeconds(30));
        }
        await().atMost(WAIT).until(() -> engine.summary().processed() == (long) SUBJECTS * PER_SUBJECT);
        assertThat(engine.summary().ingest().overflowed()).isZero();

        List<SubjectSnapshot> subjects = engine.snapshot().subjects();
        assertThat(subjects).hasSize(SUBJECTS).allSatisfy(subject -> {
            assertThat(subject.total()).isEqualTo(PER_SUBJECT);
            assertThat(subject.count(Outcome.FORWARDED)).isEqualTo(THRESHOLD);
            assertThat(subject.count(Outcome.HELD)).isEqualTo(PER_SUBJECT - THRESHOLD);
            long accounted = 0;
            for (Outcome outcome : Outcome.values()) {
                accounted += subject.count(outcome);
            }
            assertThat(accounted).isEqualTo(subject.total());
        });
        await().atMost(WAIT).until(() -> engine.floods().size() == SUBJECTS);

        // No minute has passed: the budget lets exactly one minute's worth through, the rest waits in the outbox.
        TestEngines.awaitDeliveryIdle(engine, pagerDuty);
        assertThat(pagerDuty.received()).hasSize(BUDGET);

        for (int minute = 0; minute < 8 && delivery().outbox().pending() > 0; minute++) {
            clock.advance(Duration.ofSeconds(61));
            TestEngines.awaitDeliveryIdle(engine, pagerDuty);
        }
        assertThat(delivery().outbox().pending()).isZero();
        assertThat(engine.floods()).as("a quiet window ended every flood").isEmpty();

        Map<String, JsonNode> lastFloodUpdate = new HashMap<>();
        int individual = 0;
        for (JsonNode event : pagerDuty.acceptedEvents()) {
            String key = event.get("dedup_key").asText();
            if (key.startsWith("klaxon-flood/")) {
                lastFloodUpdate.put(key, event);
            } else {
                individual++;
            }
        }
        assertThat(individual).isEqualTo(SUBJECTS * THRESHOLD);
        assertThat(lastFloodUpdate).hasSize(SUBJECTS);
        assertThat(lastFloodUpdate.values()).allSatisfy(event -> {
            JsonNode flood = event.get("payload").get("custom_details").get("klaxon_flood");
            assertThat(flood.get("held_total").asLong()).isEqualTo(PER_SUBJECT - THRESHOLD);
            assertThat(flood.get("top_sources").size()).isEqualTo(5);
        });
        assertThat(pagerDuty.incidents()).hasSize(SUBJECTS * THRESHOLD + SUBJECTS);
        assertThat(TestEngines.mostRequestsInAnyMinute(pagerDuty.received())).isLessThanOrEqualTo(BUDGET);
    }

    @Test
    void heldTriggersCanBeReleasedByHandOneOrAllAndTheReleaseIsAudited() throws Exception {
        try (Connection publisher = Nats.connect(server.url())) {
            for (int i = 0; i < THRESHOLD + 10; i++) {
                publisher.publish("alerts.prod.cache", ("{\"summary\":\"evictions " + i + "\",\"dedup_key\":\"c" + i
                        + "\"}").getBytes(StandardCharsets.UTF_8));
            }
            publisher.flush(Duration.ofSeconds(10));
        }
        await().atMost(WAIT).until(() -> engine.summary().processed() == THRESHOLD + 10);
        List<HeldEvent> held = engine.heldEvents("alerts.prod.cache");
        assertThat(held).hasSize(10).extracting(HeldEvent::dedupKey).startsWith("c30", "c31");
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == THRESHOLD + 1); // + the announcement

        assertThat(engine.releaseHeld(held.get(0).id()).get()).isEqualTo(1);
        assertThat(engine.releaseHeld(held.get(0).id()).get()).as("already released").isZero();
        assertThat(engine.releaseHeld("alerts.prod.cache").get()).isEqualTo(9);

        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == THRESHOLD + 11);
        assertThat(pagerDuty.acceptedEvents()).extracting(e -> e.get("dedup_key").asText())
                .contains("c30", "c35", "c39");
        assertThat(engine.heldEvents("alerts.prod.cache")).isEmpty();
        await().atMost(WAIT).until(() -> engine.searchAudit(AuditQuery.all().kinds(AuditKind.ACTION)
                .text("flood.release")).size() == 2);
    }

    private dev.klaxon.delivery.DeliveryStatus delivery() {
        return engine.summary().delivery();
    }
}
