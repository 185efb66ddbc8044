package dev.klaxon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.message.MessageDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-rule hit counts: what each route decided live, never what was only explained. */
class RuleHitCountTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String ROUTES = """
            routes:
              - match: "alerts.prod.>"
                action: page
                shadow: true
                continue: true
              - match: "alerts.prod.db.>"
                action: log
              - match: "alerts.>"
                action: drop
            """;

    private static KlaxonConfig config(String extra) throws Exception {
        return new ConfigLoader().parse(extra + ROUTES, null);
    }

    private static InboundMessage message(String subject, String body) {
        return new InboundMessage(subject, body.getBytes(StandardCharsets.UTF_8), Map.of(), CLOCK.instant());
    }

    @Test
    void countsEveryRuleOfEachLiveDecisionAndNothingElse() throws Exception {
        MessageProcessor processor = new MessageProcessor(config("").routes(), new MessageDecoder(), CLOCK);

        processor.decide(message("alerts.prod.db.primary", "{\"summary\":\"disk full\"}")); // rules 0 and 1
        processor.decide(message("alerts.prod.web", "{\"summary\":\"slow\"}"));             // rules 0 and 2
        processor.decide(message("alerts.staging.web", "{}"));                                // rule 2
        processor.decide(message("alerts.staging.web", "plain text is fine"));                // rule 2
        processor.decide(message("other.thing", "{}"));                                       // no route
        processor.decide(message("alerts.prod.web", "{\"summary\": "));                      // rejected: not counted
        processor.explain(message("alerts.staging.web", "{}"));                              // explained: not counted

        assertThat(processor.ruleHits()).containsExactly(2, 1, 3);
    }

    @Test
    void theEngineAnswersWithOneCountPerRouteAndExplainLeavesThemAlone(@TempDir Path dir) throws Exception {
        KlaxonConfig config = config("storage:\n  dir: \"" + dir + "\"\n");
        try (Engine engine = Engine.create(config, CLOCK)) {
            engine.explain("alerts.prod.db.x", "{}".getBytes(StandardCharsets.UTF_8), Map.of());

            assertThat(engine.ruleHits()).containsExactly(0, 0, 0);
        }
    }
}
