package dev.klaxon.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.decision.Decision;
import dev.klaxon.decision.Outcome;
import dev.klaxon.engine.MessageProcessor;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.message.MessageDecoder;
import dev.klaxon.route.SubjectPattern;
import dev.klaxon.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PagerGuardsTest {
    private static final Instant T0 = Instant.parse("2026-11-29T03:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final SilenceBook book = new SilenceBook();
    private MessageProcessor processor;
    private PagerGuards guards;

    @BeforeEach
    void build() throws Exception {
        KlaxonConfig config = new ConfigLoader(Path.of(".")).parse("""
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_PROD
                  - match: "alerts.shadow.>"
                    action: page
                    shadow: true
                  - match: "deploys.>"
                    action: change
                    routing_key_env: PD_CHANGES
                guards:
                  dedup_window: 5m
                  inhibit:
                    - while: "alerts.prod.dc1.down"
                      hold: "alerts.prod.dc1.>"
                      below: critical
                """, Path.of("klaxon.yaml"));
        processor = new MessageProcessor(config.routes(), new MessageDecoder(), clock);
        guards = new PagerGuards(config.guards(), book, event -> { });
    }

    private PagerGuards shadowEverything() throws Exception {
        KlaxonConfig config = new ConfigLoader(Path.of(".")).parse("""
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_PROD
                guards:
                  shadow: true
                """, Path.of("klaxon.yaml"));
        return new PagerGuards(config.guards(), book, event -> { });
    }

    private Decision live(String subject, String json) {
        return guards.apply(processor.decide(inbound(subject, json)));
    }

    private InboundMessage inbound(String subject, String json) {
        return new InboundMessage(subject, json.getBytes(StandardCharsets.UTF_8), Map.of(), clock.instant());
    }

    private static Silence silence(long id, String pattern, Instant start, Duration length, String... matchers) {
        return new Silence(id, SubjectPattern.compile(pattern), List.of(matchers).stream().map(PayloadMatcher::parse)
                .toList(), start, start.plus(length), "ana@example.com", "failover drill", start, null);
    }

    @Test
    void aRepeatedTriggerWithinTheWindowIsCountedNotSentAndSaysWhen() {
        assertThat(live("alerts.prod.db", "{\"dedup_key\":\"db/lag\"}").outcome()).isEqualTo(Outcome.FORWARDED);
        clock.advance(Duration.ofSeconds(42));

        Decision repeat = live("alerts.prod.db", "{\"dedup_key\":\"db/lag\"}");

        assertThat(repeat.outcome()).isEqualTo(Outcome.DEDUPLICATED);
        assertThat(repeat.reason()).isEqualTo("dedup_key sent 42 s ago, within dedup_window 300 s");
        assertThat(live("alerts.prod.db", "{\"dedup_key\":\"db/other\"}").outcome()).isEqualTo(Outcome.FORWARDED);
    }

    @Test
    void aTriggerThatWasNeverSentLeavesTheWindowAndARedeliveryIsNotCountedAsSent() {
        assertThat(live("alerts.prod.db", "{\"dedup_key\":\"k\"}").outcome()).isEqualTo(Outcome.FORWARDED);
        assertThat(live("alerts.prod.db", "{\"dedup_key\":\"k\"}").outcome()).isEqualTo(Outcome.DEDUPLICATED);

        guards.unsent(dev.klaxon.secret.SecretRef.env("PD_PROD").stored(), "k"); // superseded: handed to the team

        assertThat(live("alerts.prod.db", "{\"dedup_key\":\"k\"}").outcome()).isEqualTo(Outcome.FORWARDED);
        guards.unsent(dev.klaxon.secret.SecretRef.env("PD_PROD").stored(), "other");
        assertThat(live("alerts.prod.db", "{\"dedup_key\":\"k\"}").outcome())
                .as("another key leaving the window changes nothing here").isEqualTo(Outcome.DEDUPLICATED);
    }

    @Test
    void theWindowCountsFromTheLastSentTriggerAndAResolveEndsIt() {
        live("alerts.prod.db", "{\"dedup_key\":\"k\"}");
        clock.advance(Duration.ofMinutes(5));
        assertThat(live("alerts.prod.db", "{\"dedup_key\":\"k\"}").outcome()).isEqualTo(Outcome.FORWARDED);
        clock.advance(Duration.ofMinutes(1));
        assertThat(live("alerts.prod.db", "{\"dedup_key\":\"k\"}").outcome()).isEqualTo(Outcome.DEDUPLICATED);

        assertThat(live("alerts.prod.db", "{\"event_action\":\"acknowledge\",\"dedup_key\":\"k\"}").outcome())
                .isEqualTo(Outcome.FORWARDED);
        assertThat(live("alerts.prod.db", "{\"event_action\":\"resolve\",\"dedup_key\":\"k\"}").outcome())
                .isEqualTo(Outcome.FORWARDED);
        assertThat(live("alerts.prod.db", "{\"dedup_key\":\"k\"}").outcome())
                .as("a trigger after a resolve is a new problem").isEqualTo(Outcome.FORWARDED);
    }

    @Test
    void explainingChangesNothing() {
        live("alerts.prod.db", "{\"dedup_key\":\"k\"}");
        Decision explained = guards.explain(processor.explain(inbound("alerts.prod.db", "{\"dedup_key\":\"j\"}")));
        assertThat(explained.outcome()).isEqualTo(Outcome.FORWARDED);
        assertThat(live("alerts.prod.db", "{\"dedup_key\":\"j\"}").outcome())
                .as("the explained trigger was not remembered as sent").isEqualTo(Outcome.FORWARDED);
    }

    @Test
    void anActiveMatchingSilenceHoldsTriggersButLetsAcknowledgesAndResolvesThrough() {
        book.replace(List.of(silence(7, "alerts.prod.db.>", T0, Duration.ofHours(1), "severity=warning")));

        Decision held = live("alerts.prod.db.replica", "{\"severity\":\"warning\",\"dedup_key\":\"r\"}");
        assertThat(held.outcome()).isEqualTo(Outcome.SILENCED);
        assertThat(held.reason()).isEqualTo("silence #7 \"alerts.prod.db.>\" severity=warning until "
                + T0.plus(Duration.ofHours(1)) + " (ana@example.com: failover drill)");
        assertThat(live("alerts.prod.db.replica", "{\"severity\":\"critical\",\"dedup_key\":\"r2\"}").outcome())
                .isEqualTo(Outcome.FORWARDED);
        assertThat(live("alerts.prod.api", "{\"severity\":\"warning\"}").outcome()).isEqualTo(Outcome.FORWARDED);
        assertThat(live("alerts.prod.db.replica", "{\"severity\":\"warning\",\"event_action\":\"resolve\","
                + "\"dedup_key\":\"r\"}").outcome()).isEqualTo(Outcome.FORWARDED);
        assertThat(book.drainMatches()).containsExactly(Map.entry(7L, 1L));
    }

    @Test
    void aSilencedTriggerIsNotRememberedForDedup() {
        book.replace(List.of(silence(1, "alerts.prod.>", T0, Duration.ofMinutes(10))));
        assertThat(live("alerts.prod.db", "{\"dedup_key\":\"k\"}").outcome()).isEqualTo(Outcome.SILENCED);
        clock.advance(Duration.ofMinutes(10));
        assertThat(live("alerts.prod.db", "{\"dedup_key\":\"k\"}").outcome())
                .as("the silence ended; the trigger was never sent, so it pages now").isEqualTo(Outcome.FORWARDED);
    }

    @Test
    void aSilenceActsOnlyBetweenItsStartAndItsEnd() {
        book.replace(List.of(silence(2, "alerts.prod.>", T0.plus(Duration.ofMinutes(5)), Duration.ofMinutes(5))));
        assertThat(live("alerts.prod.db", "{\"dedup_key\":\"a\"}").outcome()).isEqualTo(Outcome.FORWARDED);
        clock.advance(Duration.ofMinutes(5));
        assertThat(live("alerts.prod.db", "{\"dedup_key\":\"b\"}").outcome()).isEqualTo(Outcome.SILENCED);
        clock.advance(Duration.ofMinutes(5));
        assertThat(live("alerts.prod.db", "{\"dedup_key\":\"c\"}").outcome()).isEqualTo(Outcome.FORWARDED);
    }

    @Test
    void whileADatacentreIsDownItsLesserAlertsAreInhibitedUntilItResolves() {
        assertThat(live("alerts.prod.dc1.db", "{\"severity\":\"error\",\"dedup_key\":\"a\"}").outcome())
                .isEqualTo(Outcome.FORWARDED);
        assertThat(live("alerts.prod.dc1.down", "{\"severity\":\"critical\",\"dedup_key\":\"dc1\"}").outcome())
                .as("the inhibiting alert itself pages").isEqualTo(Outcome.FORWARDED);

        Decision lesser = live("alerts.prod.dc1.db", "{\"severity\":\"error\",\"dedup_key\":\"b\"}");
        assertThat(lesser.outcome()).isEqualTo(Outcome.INHIBITED);
        assertThat(lesser.reason()).isEqualTo("inhibited by guards.inhibit[0]: alerts.prod.dc1.down is firing since "
                + T0 + " (dedup_key dc1); holds alerts.prod.dc1.> below critical");
        assertThat(live("alerts.prod.dc1.db", "{\"severity\":\"critical\",\"dedup_key\":\"c\"}").outcome())
                .as("critical still pages").isEqualTo(Outcome.FORWARDED);
        assertThat(live("alerts.prod.dc2.db", "{\"severity\":\"error\",\"dedup_key\":\"d\"}").outcome())
                .isEqualTo(Outcome.FORWARDED);
        assertThat(live("alerts.prod.dc1.down", "{\"event_action\":\"acknowledge\",\"dedup_key\":\"dc1\"}")
                .outcome()).isEqualTo(Outcome.FORWARDED);
        assertThat(live("alerts.prod.dc1.db", "{\"severity\":\"warning\",\"dedup_key\":\"e\"}").outcome())
                .as("acknowledged is still firing").isEqualTo(Outcome.INHIBITED);

        live("alerts.prod.dc1.down", "{\"event_action\":\"resolve\",\"dedup_key\":\"dc1\"}");
        assertThat(live("alerts.prod.dc1.db", "{\"severity\":\"warning\",\"dedup_key\":\"f\"}").outcome())
                .isEqualTo(Outcome.FORWARDED);
    }

    @Test
    void pastTheGlobalThresholdEverythingBelowCriticalIsHeldForReview() throws Exception {
        KlaxonConfig config = new ConfigLoader(Path.of(".")).parse("""
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_PROD
                guards:
                  flood:
                    global: 3/1m
                    global_below: critical
                """, Path.of("klaxon.yaml"));
        PagerGuards global = new PagerGuards(config.guards(), book, event -> { });
        for (int i = 0; i < 3; i++) {
            assertThat(global.apply(processor.decide(inbound("alerts.prod.s" + i, "{\"dedup_key\":\"" + i + "\"}")))
                    .outcome()).isEqualTo(Outcome.FORWARDED);
        }
        Decision held = global.apply(processor.decide(inbound("alerts.prod.x", "{\"severity\":\"error\"}")));
        assertThat(held.outcome()).isEqualTo(Outcome.HELD);
        assertThat(held.reason()).startsWith("held: all subjects together is in flood state");
        assertThat(global.apply(processor.decide(inbound("alerts.prod.y", "{\"severity\":\"critical\"}"))).outcome())
                .isEqualTo(Outcome.FORWARDED);
        assertThat(global.held().of("alerts.prod.x")).hasSize(1);
    }

    @Test
    void shadowModeDecidesEverythingAsUsualAndSendsNothing() throws Exception {
        PagerGuards shadow = shadowEverything();
        Decision first = shadow.apply(processor.decide(inbound("alerts.prod.db", "{\"dedup_key\":\"k\"}")));
        assertThat(first.outcome()).isEqualTo(Outcome.SHADOWED);
        assertThat(first.reason()).isEqualTo("routes[0] \"alerts.prod.>\": rendered, not sent (shadow mode: "
                + "guards.shadow is true)");
        assertThat(first.hits().get(0).eventBody().get("dedup_key").asText()).isEqualTo("k");
        assertThat(shadow.apply(processor.decide(inbound("alerts.prod.db", "{\"dedup_key\":\"k\"}"))).outcome())
                .as("what would have been deduplicated still says so").isEqualTo(Outcome.DEDUPLICATED);
    }

    @Test
    void shadowLogAndChangeDecisionsPassUntouched() {
        book.replace(List.of(silence(3, ">", T0, Duration.ofHours(1))));
        assertThat(live("alerts.shadow.x", "{}").outcome()).isEqualTo(Outcome.SHADOWED);
        assertThat(live("deploys.prod.api", "{\"summary\":\"v2\"}").outcome()).isEqualTo(Outcome.FORWARDED);
        assertThat(live("deploys.prod.api", "{\"summary\":\"v2\"}").outcome())
                .as("change events have no dedup_key to repeat").isEqualTo(Outcome.FORWARDED);
        assertThat(live("other.subject", "{}").outcome()).isEqualTo(Outcome.LOGGED);
    }

    @Test
    void aReloadKeepsFiringInhibitorsMovedInTheListAndHeldTriggersKeepTheirRoutingKey() throws Exception {
        KlaxonConfig flooding = new ConfigLoader(Path.of(".")).parse("""
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_PROD
                guards:
                  flood:
                    per_subject: 2/1m
                  inhibit:
                    - while: "alerts.prod.dc1.down"
                      hold: "alerts.prod.dc1.>"
                      below: critical
                """, Path.of("klaxon.yaml"));
        List<GuardEvent> events = new java.util.ArrayList<>();
        PagerGuards reloaded = new PagerGuards(flooding.guards(), book, events::add);
        reloaded.apply(processor.decide(inbound("alerts.prod.dc1.down", "{\"severity\":\"critical\","
                + "\"dedup_key\":\"dc1\"}")));
        for (int i = 0; i < 3; i++) {
            reloaded.apply(processor.decide(inbound("alerts.prod.db", "{\"severity\":\"critical\",\"dedup_key\":\""
                    + i + "\"}")));
        }
        assertThat(reloaded.held().of("alerts.prod.db")).singleElement()
                .satisfies(held -> assertThat(held.routingKeyRef()).isEqualTo("env:PD_PROD"));
        KlaxonConfig next = new ConfigLoader(Path.of(".")).parse("""
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_OTHER
                guards:
                  flood:
                    per_subject: 50/1m
                  inhibit:
                    - while: "alerts.staging.down"
                      hold: "alerts.staging.>"
                      below: critical
                    - while: "alerts.prod.dc1.down"
                      hold: "alerts.prod.dc1.>"
                      below: critical
                """, Path.of("klaxon.yaml"));

        reloaded.reconfigure(next.guards(), clock.instant());

        assertThat(events).last().isInstanceOf(GuardEvent.FloodEnded.class)
                .as("the flood of the replaced threshold ends, so its coalesced incident is not left open");
        assertThat(events).filteredOn(GuardEvent.Coalesced.class::isInstance).last()
                .satisfies(e -> assertThat(((GuardEvent.Coalesced) e).routingKeyRef()).isEqualTo("env:PD_PROD"));
        assertThat(reloaded.floods()).isEmpty();
        assertThat(reloaded.held().of("alerts.prod.db")).singleElement()
                .satisfies(held -> assertThat(held.routingKeyRef()).isEqualTo("env:PD_PROD"));
        MessageProcessor nextRoutes = new MessageProcessor(next.routes(), new MessageDecoder(), clock);
        Decision lesser = reloaded.apply(nextRoutes.decide(inbound("alerts.prod.dc1.db",
                "{\"severity\":\"error\",\"dedup_key\":\"x\"}")));
        assertThat(lesser.outcome()).as("dc1.down still fires; its rule moved to inhibit[1]")
                .isEqualTo(Outcome.INHIBITED);
    }
}
