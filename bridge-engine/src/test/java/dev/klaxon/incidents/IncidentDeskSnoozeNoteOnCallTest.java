package dev.klaxon.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.klaxon.audit.OperatorAction;
import dev.klaxon.config.DeliveryConfig;
import dev.klaxon.config.PagerDutyConfig;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.simulator.ReceivedRequest;
import dev.klaxon.pagerduty.rest.OnCall;
import dev.klaxon.secret.SecretRef;
import dev.klaxon.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Snooze, notes and on-call reads of the desk against the loopback PagerDuty double. */
class IncidentDeskSnoozeNoteOnCallTest {
    private static final String ROUTING_KEY = "dddddddddddddddddddddddddddddddd";
    private static final String OTHER_KEY = "ffffffffffffffffffffffffffffffff";
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T03:00:00Z"));
    private final List<OperatorAction> audited = new CopyOnWriteArrayList<>();
    private PagerDutySimulator pd;
    private IncidentDesk desk;

    @BeforeEach
    void startDouble() {
        pd = PagerDutySimulator.start(clock);
    }

    @AfterEach
    void stop() {
        if (desk != null) {
            desk.close();
        }
        pd.close();
    }

    private DeskSnapshot startDesk() {
        PagerDutyConfig config = new PagerDutyConfig(pd.eventsUrl(), pd.apiUrl(), SecretRef.env("PD_API_TOKEN"),
                PagerDutySimulator.USER_EMAIL, DeliveryConfig.defaults());
        desk = new IncidentDesk(config, name -> "PD_API_TOKEN".equals(name) ? PagerDutySimulator.API_TOKEN : null, clock,
                audited::add, "oncall@example.com", new DeskTiming(Duration.ofSeconds(15), Duration.ofMillis(20), 10,
                Duration.ofMinutes(5)));
        desk.start();
        await().atMost(PATIENCE).until(() -> desk.snapshot().state() == DeskState.OK);
        return desk.snapshot();
    }

    private List<ReceivedRequest> requests(String method, String path) {
        return pd.received().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    @Test
    void aTriggeredIncidentIsNotSnoozedAndTheRefusalSaysWhy() throws Exception {
        pd.openIncident(ROUTING_KEY, "db-1-disk", "Disk 91% on db-1");
        startDesk();

        ActionResult result = desk.snooze("PDBL1", Duration.ofHours(1)).get(10, TimeUnit.SECONDS);

        assertThat(result.allOk()).isFalse();
        assertThat(result.failures().get(0).message())
                .isEqualTo("PagerDuty only snoozes acknowledged incidents: acknowledge #1 first");
        assertThat(requests("POST", "/incidents/PDBL1/snooze")).isEmpty();
        assertThat(audited).singleElement().satisfies(action -> {
            assertThat(action.what()).isEqualTo("incident.snooze");
            assertThat(action.ok()).isFalse();
        });
    }

    @Test
    void anAcknowledgedIncidentIsSnoozedForTheChosenSecondsAndAudited() throws Exception {
        pd.openIncident(ROUTING_KEY, "db-1-disk", "Disk 91% on db-1");
        startDesk();
        desk.acknowledge(List.of("PDBL1")).get(10, TimeUnit.SECONDS);

        ActionResult result = desk.snooze("PDBL1", Duration.ofHours(4)).get(10, TimeUnit.SECONDS);

        assertThat(result.allOk()).isTrue();
        assertThat(result.outcomes().get(0).message()).isEqualTo("snoozed for 4h");
        ReceivedRequest snooze = requests("POST", "/incidents/PDBL1/snooze").get(0);
        assertThat(snooze.json().get("duration").asLong()).isEqualTo(14_400);
        assertThat(snooze.header("From")).isEqualTo(PagerDutySimulator.USER_EMAIL);
        assertThat(audited).extracting(OperatorAction::what, OperatorAction::ok)
                .contains(org.assertj.core.groups.Tuple.tuple("incident.snooze", true));
        assertThatThrownBy(() -> desk.snooze("PDBL1", Duration.ofDays(8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNoteIsPostedAndAudited() throws Exception {
        pd.openIncident(ROUTING_KEY, "db-1-disk", "Disk 91% on db-1");
        startDesk();

        ActionResult result = desk.addNote("PDBL1", "  looking at the replica  ").get(10, TimeUnit.SECONDS);

        assertThat(result.allOk()).isTrue();
        assertThat(pd.notes("PDBL1")).containsExactly("looking at the replica");
        assertThat(audited).singleElement().satisfies(action -> {
            assertThat(action.what()).isEqualTo("incident.note");
            assertThat(action.ok()).isTrue();
        });
        assertThatThrownBy(() -> desk.addNote("PDBL1", "   ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whoIsOnCallIsReadPerServiceAndOnlyEveryOnCallPeriod() throws Exception {
        pd.openIncident(ROUTING_KEY, "db-1-disk", "Disk 91% on db-1");
        pd.openIncident(OTHER_KEY, "api-5xx", "API 5xx above 2%");
        DeskSnapshot snapshot = startDesk();

        assertThat(snapshot.onCalls().forService("PSVC1")).extracting(OnCall::escalationLevel, OnCall::userName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "On-call L1"),
                        org.assertj.core.groups.Tuple.tuple(2, "On-call L2"),
                        org.assertj.core.groups.Tuple.tuple(3, "On-call L3"));
        assertThat(snapshot.onCalls().forService("PSVC2")).extracting(OnCall::escalationPolicyId)
                .containsOnly("PEP2");
        assertThat(snapshot.onCalls().fetchedAt()).isEqualTo(clock.instant());

        clock.advance(Duration.ofSeconds(15));
        desk.refreshNow().get(10, TimeUnit.SECONDS);
        assertThat(requests("GET", "/oncalls")).hasSize(1);
        assertThat(requests("GET", "/services")).hasSize(1);

        clock.advance(Duration.ofMinutes(5));
        desk.refreshNow().get(10, TimeUnit.SECONDS);
        assertThat(requests("GET", "/oncalls")).hasSize(2);
    }

    @Test
    void theDedupKeysOfAnIncidentAreListed() {
        pd.openIncident(ROUTING_KEY, "db-1-disk", "Disk 91% on db-1");
        startDesk();
        await().atMost(PATIENCE).until(() -> desk.snapshot().dedupKeysOf("PDBL1").equals(List.of("db-1-disk")));
    }
}
