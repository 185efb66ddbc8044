package dev.klaxon.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.config.RateLimit;
import dev.klaxon.message.AlertMessage;
import dev.klaxon.message.DecodeResult;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.message.MessageDecoder;
import dev.klaxon.route.RouteAction;
import dev.klaxon.route.RouteRule;
import dev.klaxon.route.SubjectPattern;
import dev.klaxon.secret.SecretRef;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FloodTrackerTest {
    private static final Instant T0 = Instant.parse("2026-11-29T03:00:00Z");
    private static final RouteRule RULE = new RouteRule(0, 1, SubjectPattern.compile("alerts.prod.>"),
            RouteAction.PAGE, false, false, SecretRef.env("PD_PROD"), null, null, null);
    private static final MessageDecoder DECODER = new MessageDecoder();

    private final List<GuardEvent> events = new ArrayList<>();
    private final FloodTracker tracker = new FloodTracker(FloodScope.SUBJECT, new RateLimit(5, Duration.ofMinutes(1)),
            events::add);

    private static AlertMessage alert(String source, String severity, String summary) {
        String json = "{\"source\":\"" + source + "\",\"severity\":\"" + severity + "\",\"summary\":\"" + summary
                + "\"}";
        DecodeResult result = DECODER.decode(new InboundMessage("alerts.prod.db",
                json.getBytes(StandardCharsets.UTF_8), Map.of(), T0));
        return ((DecodeResult.Decoded) result).message();
    }

    private boolean hold(Instant at, String source) {
        return tracker.hold("alerts.prod.db", RULE, alert(source, "error", "lag at " + at), at, true);
    }

    private List<GuardEvent.Coalesced> coalesced() {
        return events.stream().filter(GuardEvent.Coalesced.class::isInstance).map(GuardEvent.Coalesced.class::cast)
                .toList();
    }

    @Test
    void theReasonNamesTheFloodsStartInWholeSeconds() {
        for (int i = 0; i < 6; i++) {
            hold(T0.plusSeconds(i).plusNanos(348_010_029), "db-" + i);
        }
        assertThat(tracker.describe("alerts.prod.db", RULE)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("held: alerts.prod.db is in flood state since " + T0.plusSeconds(5) + " (over 5 per"));
    }

    @Test
    void theThresholdPassesThenTheFloodIsHeldAndAnnouncedAtOnce() {
        for (int i = 0; i < 5; i++) {
            assertThat(hold(T0.plusSeconds(i), "db-1")).isFalse();
        }
        assertThat(events).isEmpty();

        assertThat(hold(T0.plusSeconds(5), "db-2")).isTrue();

        assertThat(events.get(0)).isEqualTo(new GuardEvent.FloodStarted("alerts.prod.db", T0.plusSeconds(5),
                new RateLimit(5, Duration.ofMinutes(1))));
        JsonNode body = coalesced().get(0).body();
        assertThat(body.get("dedup_key").asText()).isEqualTo("klaxon-flood/alerts.prod.db");
        assertThat(body.get("routing_key").asText()).isEqualTo("******** (env PD_PROD)");
        assertThat(body.get("payload").get("summary").asText()).startsWith("Flood on alerts.prod.db: 1 alert held since "
                + T0.plusSeconds(5));
        assertThat(tracker.describe("alerts.prod.db", RULE)).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("held: alerts.prod.db is in flood state since " + T0.plusSeconds(5)));
    }

    @Test
    void oneUpdatePerWindowWithTheCountsThenTheFloodEndsAfterAQuietWindow() {
        for (int i = 0; i < 5; i++) {
            hold(T0.plusMillis(i), "db-1");
        }
        for (int i = 0; i < 300; i++) { // 300 more over 50 s: one announcement, no other update yet
            hold(T0.plusSeconds(1).plusMillis(i * 166L), i % 3 == 0 ? "db-2" : "db-3");
        }
        tracker.tick(T0.plusSeconds(55));
        assertThat(coalesced()).hasSize(1);

        tracker.tick(T0.plusSeconds(62)); // a window after the announcement
        assertThat(coalesced()).hasSize(2);
        JsonNode update = coalesced().get(1).body();
        JsonNode details = update.get("payload").get("custom_details").get("klaxon_flood");
        assertThat(details.get("held_total").asLong()).isEqualTo(300);
        assertThat(details.get("held_since_last_update").asLong()).isEqualTo(299);
        assertThat(details.get("top_sources").get("db-3").asLong()).isEqualTo(200);
        assertThat(details.get("top_sources").get("db-2").asLong()).isEqualTo(100);
        assertThat(update.get("payload").get("summary").asText()).contains("300 alerts held",
                "top sources db-3 ×200, db-2 ×100", "error 300");
        assertThat(update.get("dedup_key").asText()).isEqualTo(coalesced().get(0).body().get("dedup_key").asText());

        tracker.tick(T0.plusSeconds(100)); // the last minute still holds ~64 alerts: over the threshold
        tracker.tick(T0.plusSeconds(150)); // under it since ~111 s, but not yet for a whole window
        assertThat(events).noneMatch(GuardEvent.FloodEnded.class::isInstance);
        tracker.tick(T0.plusSeconds(175));
        assertThat(events.get(events.size() - 1)).isEqualTo(
                new GuardEvent.FloodEnded("alerts.prod.db", T0.plusSeconds(175), 300));
        assertThat(coalesced()).as("nothing new was held after the last update").hasSize(2);
        assertThat(tracker.describe("alerts.prod.db", RULE)).isEmpty();
        assertThat(hold(T0.plusSeconds(176), "db-1")).as("a calm subject passes again").isFalse();
    }

    @Test
    void whatWasHeldSinceTheLastUpdateIsSentWhenTheFloodEnds() {
        for (int i = 0; i < 8; i++) {
            hold(T0.plusSeconds(i), "db-1");
        }
        tracker.tick(T0.plusSeconds(70)); // the last held alert came at 7 s: a whole quiet window since
        assertThat(coalesced()).hasSize(2);
        assertThat(coalesced().get(1).body().get("payload").get("custom_details").get("klaxon_flood")
                .get("held_total").asLong()).isEqualTo(3);
        assertThat(events.get(events.size() - 1)).isInstanceOf(GuardEvent.FloodEnded.class);
    }

    @Test
    void aRoutingKeyFloodCountsAcrossSubjectsAndCoalescesPerRoutingKey() {
        FloodTracker perKey = new FloodTracker(FloodScope.ROUTING_KEY, new RateLimit(5, Duration.ofMinutes(1)),
                events::add);
        for (int i = 0; i < 5; i++) {
            assertThat(perKey.hold("alerts.prod.svc" + i, RULE, alert("h", "error", "x"), T0, true)).isFalse();
        }
        assertThat(perKey.hold("alerts.prod.svc9", RULE, alert("h", "warning", "x"), T0, true)).isTrue();

        assertThat(events.get(0)).isInstanceOf(GuardEvent.FloodStarted.class)
                .hasFieldOrPropertyWithValue("subject", "routing key env:PD_PROD");
        JsonNode body = coalesced().get(0).body();
        assertThat(body.get("dedup_key").asText()).isEqualTo("klaxon-flood/routing-key/env:PD_PROD");
        assertThat(body.get("payload").get("summary").asText()).startsWith("Flood on routing key env:PD_PROD: 1 alert");
        assertThat(body.get("payload").get("custom_details").get("klaxon_flood").get("top_subjects")
                .get("alerts.prod.db").asLong()).isEqualTo(1);
    }

    @Test
    void theGlobalThresholdHoldsForReviewWithoutCoalescingAndLetsTheUnholdableThrough() {
        FloodTracker global = new FloodTracker(FloodScope.ALL, new RateLimit(3, Duration.ofMinutes(1)), events::add);
        for (int i = 0; i < 3; i++) {
            global.hold("alerts.prod.a" + i, RULE, alert("h", "error", "x"), T0, true);
        }
        assertThat(global.hold("alerts.prod.b", RULE, alert("h", "critical", "x"), T0, false))
                .as("counted, never held").isFalse();
        assertThat(global.hold("alerts.prod.c", RULE, alert("h", "error", "x"), T0, true)).isTrue();
        assertThat(coalesced()).isEmpty();
        assertThat(global.describe("alerts.prod.c", RULE)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("held: all subjects together is in flood state").endsWith("kept for review"));
    }

    @Test
    void statusListsFloodingSubjectsAsOfTheLastTick() {
        for (int i = 0; i < 7; i++) {
            hold(T0.plusSeconds(i), "db-1");
        }
        assertThat(tracker.status()).isEmpty();
        tracker.tick(T0.plusSeconds(8));
        assertThat(tracker.status()).containsExactly(new FloodStatus("alerts.prod.db", T0.plusSeconds(5), 2));
    }
}
