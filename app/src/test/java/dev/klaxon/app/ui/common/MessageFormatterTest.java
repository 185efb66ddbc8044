package dev.klaxon.app.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.decision.Outcome;
import dev.klaxon.stats.TailEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageFormatterTest {
    private final MessageFormatter formatter = new MessageFormatter();

    @Test
    void prettyPrintsJsonKeepingKeyOrder() {
        assertThat(formatter.prettyJson("{\"summary\":\"disk full\",\"custom_details\":{\"free\":[1,2]},\"a\":null}"))
                .isEqualTo("""
                        {
                          "summary": "disk full",
                          "custom_details": {
                            "free": [
                              1,
                              2
                            ]
                          },
                          "a": null
                        }""");
    }

    @Test
    void leavesAnythingElseAlone() {
        assertThat(formatter.prettyJson("disk full on db-1")).isNull();
        assertThat(formatter.prettyJson("{\"cut\": \"in the mid")).isNull();
        assertThat(formatter.prettyJson("{} {}")).isNull();
        assertThat(formatter.prettyJson("[".repeat(5_000) + "]".repeat(5_000))).isNull(); // nesting bounded
        assertThat(formatter.prettyJson("{\"a\":1}".repeat(100_000))).isNull(); // over the size bound
    }

    @Test
    void describesDecisionHeadersAndBody() {
        TailEntry entry = new TailEntry(Instant.parse("2026-01-01T03:00:00Z"), "alerts.prod.db",
                "{\"summary\":\"disk full\"}", 23, false, Map.of("Nats-Msg-Id", List.of("m-1")), Outcome.SHADOWED,
                "route 1 alerts.prod.> page (shadow)");
        String text = formatter.describe(entry);
        assertThat(text).contains("subject   alerts.prod.db\n")
                .contains("decision  shadowed\n")
                .contains("reason    route 1 alerts.prod.> page (shadow)\n")
                .contains("  Nats-Msg-Id: m-1\n")
                .contains("body (JSON)\n{\n  \"summary\": \"disk full\"\n}\n");
    }

    @Test
    void showsTheStreamMessageIdInTeamModeAndNothingInCoreMode() {
        TailEntry fromStream = new TailEntry(Instant.EPOCH, "alerts.prod.db", "{}", 2, false, Map.of(),
                Outcome.FORWARDED, "page", List.of(), "KLAXON_ALERTS:42", 42);
        assertThat(formatter.describe(fromStream)).contains("msg id    KLAXON_ALERTS:42  (stream seq 42)\n");
        TailEntry core = new TailEntry(Instant.EPOCH, "alerts.prod.db", "{}", 2, false, Map.of(), Outcome.FORWARDED,
                "page");
        assertThat(formatter.describe(core)).doesNotContain("msg id");
    }

    @Test
    void saysWhenTheBodyIsTruncated() {
        TailEntry entry = new TailEntry(Instant.EPOCH, "alerts.big", "{\"summary\":\"aaaa", 1_000_000, true,
                Map.of(), Outcome.REJECTED, "body over 512 KB");
        String text = formatter.describe(entry);
        assertThat(text).contains("body truncated").contains("body (truncated, shown as received)\n{\"summary\":\"aaaa")
                .contains("[truncated: 1,000,000 bytes received]");
    }
}
