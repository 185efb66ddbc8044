package dev.klaxon.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.decision.Decision;
import dev.klaxon.decision.RuleHit;
import dev.klaxon.engine.MessageProcessor;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.message.MessageDecoder;
import dev.klaxon.simulator.EventContract;
import dev.klaxon.testing.PropertyCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property-based fuzzing of PagerDuty's limits (issue 15): whatever an alert carries (long summaries and dedup_keys in
 * any script, huge custom_details, many links and images, a dedup_key template that inserts long values), the body a
 * page rule renders passes the Events API v2 contract the PagerDuty double enforces and fits in 512 KB once the real
 * routing key is in, or the decision says in words that PagerDuty will refuse it.
 */
class PagerDutyLimitsPropertiesTest {
    private static final int TRIES = 300;
    private static final String ROUTING_KEY = "0123456789abcdef0123456789abcdef";
    private static final String[] PIECES = {"a", "é", "☃", "😀", "\u0301", " ", "{", "}", "\"", "\\", "/", "日本"};
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T03:00:00Z"), ZoneOffset.UTC);

    private final ObjectMapper mapper = new ObjectMapper();
    private final MessageProcessor processor;

    PagerDutyLimitsPropertiesTest() throws Exception {
        KlaxonConfig config = new ConfigLoader(Path.of(".")).parse("""
                routes:
                  - match: "alerts.templated.>"
                    action: page
                    routing_key_env: PD_KEY
                    dedup_key: "{subject}/{source}/{custom_details.tag}/{summary}"
                  - match: "alerts.>"
                    action: page
                    routing_key_env: PD_KEY
                """, Path.of("klaxon.yaml"));
        processor = new MessageProcessor(config.routes(), new MessageDecoder(), CLOCK);
    }

    private static String text(SplittableRandom random, int maxPieces) {
        StringBuilder out = new StringBuilder();
        int pieces = random.nextInt(maxPieces + 1);
        for (int i = 0; i < pieces; i++) {
            out.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return out.toString();
    }

    /** An alert that presses on a limit or several: a JSON text under the decoder's own 1 MB. */
    private String alert(SplittableRandom random) {
        ObjectNode alert = mapper.createObjectNode();
        alert.put("summary", text(random, random.nextInt(4) == 0 ? 3_000 : 60));
        alert.put("source", text(random, random.nextInt(4) == 0 ? 1_500 : 20));
        if (random.nextBoolean()) {
            alert.put("dedup_key", text(random, random.nextInt(3) == 0 ? 700 : 30) + "k");
        }
        alert.put("severity", new String[] {"critical", "error", "warning", "info"}[random.nextInt(4)]);
        alert.put("event_action", random.nextInt(5) == 0 ? "resolve" : "trigger");
        ObjectNode details = alert.putObject("custom_details");
        details.put("tag", text(random, 200));
        if (random.nextInt(3) == 0) {
            details.put("blob", "x".repeat(random.nextInt(900_000)));
        }
        ArrayNode links = alert.putArray("links");
        for (int i = random.nextInt(40); i > 0; i--) {
            links.addObject().put("href", random.nextBoolean() ? "https://example.com/" + text(random, 40)
                    : "javascript:alert(" + i + ")").put("text", text(random, 100));
        }
        ArrayNode images = alert.putArray("images");
        for (int i = random.nextInt(20); i > 0; i--) {
            images.addObject().put("src", "https://example.com/" + i + ".png").put("alt", text(random, 100));
        }
        if (random.nextInt(4) == 0) {
            alert.put("klaxon_big", "y".repeat(random.nextInt(100_000)));
        }
        return alert.toString();
    }

    @Test
    void everyRenderedPagePassesTheContractAndFitsOrSaysPagerDutyWillRefuseIt() {
        PropertyCheck.of(this::alert).forAll(TRIES, json -> {
            String subject = json.length() % 2 == 0 ? "alerts.templated.db" : "alerts.prod.db";
            Decision decision = processor.decide(new InboundMessage(subject, json.getBytes(StandardCharsets.UTF_8),
                    Map.of(), CLOCK.instant()));
            if (decision.hits().isEmpty()) {
                assertThat(decision.reason()).as("only a rejected body has no page").isNotBlank();
                return;
            }
            RuleHit page = decision.hits().get(0);
            ObjectNode sent = page.eventBody().deepCopy().put("routing_key", ROUTING_KEY);
            int bytes = sent.toString().getBytes(StandardCharsets.UTF_8).length;
            if (page.adjustments().stream().anyMatch(a -> a.contains("PagerDuty will refuse it"))) {
                assertThat(bytes).isGreaterThan(EventBodyRenderer.MAX_BODY_BYTES);
                return;
            }
            assertThat(EventContract.alertErrors(sent)).as(decision.reason()).isEmpty();
            assertThat(bytes).isLessThanOrEqualTo(EventBodyRenderer.MAX_BODY_BYTES);
        });
    }
}
