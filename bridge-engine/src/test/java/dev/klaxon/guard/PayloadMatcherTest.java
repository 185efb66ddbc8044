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

    private static final AlertMessage DB = message("""
            {"severity":"warn","source":"db-12","custom_details":{"cluster":{"name":"eu-1"},"replicas":3}}""");

    @Test
    void equalityComparesTheWireValue() {
        assertThat(PayloadMatcher.parse("severity=warning").matches(DB)).isTrue();
        assertThat(PayloadMatcher.parse("severity=critical").matches(DB)).isFalse();
        assertThat(PayloadMatcher.parse("source=db-1").matches(DB)).isFalse();
    }

    @Test
    void aRegexMustMatchTheWholeValue() {
        assertThat(PayloadMatcher.parse("source=~db-.*").matches(DB)).isTrue();
        assertThat(PayloadMatcher.parse("source=~db").matches(DB)).isFalse();
    }

    @Test
    void customDetailsAreReachedByPathAndAMissingFieldMatchesNothing() {
        assertThat(PayloadMatcher.parse("custom_details.cluster.name=eu-1").matches(DB)).isTrue();
        assertThat(PayloadMatcher.parse("custom_details.replicas=3").matches(DB)).isTrue();
        assertThat(PayloadMatcher.parse("custom_details.cluster=eu-1").matches(DB)).isFalse();
        assertThat(PayloadMatcher.parse("component=~.*").matches(DB)).isFalse();
    }

    @Test
    void badMatchersAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PayloadMatcher.parse("severity")).hasMessageContaining("expected field=value");
        assertThatThrownBy(() -> PayloadMatcher.parse("colour=red")).hasMessageContaining("unknown field \"colour\"");
        assertThatThrownBy(() -> PayloadMatcher.parse("source=~db-(")).hasMessageContaining("not a regular expression");
        assertThat(PayloadMatcher.parse("source=~db-.*")).hasToString("source=~db-.*");
    }
}
