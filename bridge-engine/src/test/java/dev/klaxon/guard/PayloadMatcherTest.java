package dev.klaxon.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.message.AlertMessage;
import dev.klaxon.message.DecodeResult;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.message.MessageDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadMatcherTest {
    private static AlertMessage message(String json) {
        DecodeResult result = new MessageDecoder().decode(new InboundMessage("alerts.prod.db",
                json.getBytes(StandardCharsets.UTF_8), Map.of(), Instant.EPOCH));
        return ((DecodeResult.Decoded) result).message();
    }

    private final RegexCache regexes = new RegexCache();

    private static final AlertMessage DB = message("""
            {"severity":"warn","source":"db-12","custom_details":{"cluster":{"name":"eu-1"},"replicas":3}}""");

    @Test
    void equalityComparesTheWireValue() {
        assertThat(PayloadMatcher.parse("severity=warning").matches(DB, regexes)).isTrue();
        assertThat(PayloadMatcher.parse("severity=critical").matches(DB, regexes)).isFalse();
        assertThat(PayloadMatcher.parse("source=db-1").matches(DB, regexes)).isFalse();
    }

    @Test
    void aRegexMustMatchTheWholeValue() {
        assertThat(PayloadMatcher.parse("source=~db-.*").matches(DB, regexes)).isTrue();
        assertThat(PayloadMatcher.parse("source=~db").matches(DB, regexes)).isFalse();
    }

    @Test
    void customDetailsAreReachedByPathAndAMissingFieldMatchesNothing() {
        assertThat(PayloadMatcher.parse("custom_details.cluster.name=eu-1").matches(DB, regexes)).isTrue();
        assertThat(PayloadMatcher.parse("custom_details.replicas=3").matches(DB, regexes)).isTrue();
        assertThat(PayloadMatcher.parse("custom_details.cluster=eu-1").matches(DB, regexes)).isFalse();
        assertThat(PayloadMatcher.parse("component=~.*").matches(DB, regexes)).isFalse();
    }

    @Test
    void badMatchersAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PayloadMatcher.parse("severity")).hasMessageContaining("expected field=value");
        assertThatThrownBy(() -> PayloadMatcher.parse("colour=red")).hasMessageContaining("unknown field \"colour\"");
        assertThatThrownBy(() -> PayloadMatcher.parse("source=~db-(")).hasMessageContaining("not a regular expression")
                .hasMessageStartingWith("source: ");
        assertThat(PayloadMatcher.parse("source=~db-.*")).hasToString("source=~db-.*");
    }

    @Test
    void javaOnlySyntaxIsRefusedNamingTheFieldAndSayingRe2() {
        assertThatThrownBy(() -> PayloadMatcher.parse("source=~(db)-\\1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("source: ")
                .hasMessageContaining("`\\1`")
                .hasMessageContaining("RE2 syntax: no backreferences or lookaround");
        assertThatThrownBy(() -> PayloadMatcher.parse("summary=~disk(?=full).*"))
                .hasMessageStartingWith("summary: ").hasMessageContaining("`(?=`");
        assertThatThrownBy(() -> PayloadMatcher.parse("custom_details.host=~(?<=db)-1"))
                .hasMessageStartingWith("custom_details.host: ");
    }

    @Test
    void patternsThatWouldExhaustMemoryOrTimeAreRefusedBeforeCompiling() {
        // RE2/J expands counted repetitions while compiling: this one would fill the heap.
        assertThatThrownBy(() -> PayloadMatcher.parse("source=~((a{1000}){1000}){1000}"))
                .hasMessageStartingWith("source: ").hasMessageContaining("nests counted repetitions");
        assertThatThrownBy(() -> PayloadMatcher.parse("source=~(?:a*){1000}b"))
                .hasMessageContaining("too complex");
        assertThatThrownBy(() -> PayloadMatcher.parse("source=~" + "a".repeat(LinearRegex.MAX_LENGTH + 1)))
                .hasMessageContaining("characters long; the limit is 1000");
        assertThat(PayloadMatcher.parse("source=~[a-z0-9-]{1,63}\\.example\\.com").matches(message(
                "{\"source\":\"db-3.example.com\"}"), regexes)).isTrue();
    }
}
