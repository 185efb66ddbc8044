package dev.klaxon.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageDecoderTest {

    private final MessageDecoder decoder = new MessageDecoder();

    private DecodeResult decode(String body) {
        return decode(body.getBytes(StandardCharsets.UTF_8));
    }

    private DecodeResult decode(byte[] body) {
        return decoder.decode(new InboundMessage("alerts.prod.db", body, Map.of("Nats-Msg-Id", List.of("m1")),
                Instant.parse("2026-11-22T03:00:00Z")));
    }

    private AlertMessage decoded(String body) {
        DecodeResult result = decode(body);
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded) result).message();
    }

    private String rejection(byte[] body) {
        DecodeResult result = decode(body);
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        return ((DecodeResult.Rejected) result).reason();
    }

    private String rejection(String body) {
        return rejection(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesEveryContractField() {
        AlertMessage m = decoded("""
                {"summary":"Replication lag 47s","severity":"critical","source":"db-3","component":"postgres",
                 "group":"db","class":"lag","custom_details":{"lag_s":47},"dedup_key":"db-3/lag",
                 "event_action":"trigger","timestamp":"2026-11-22T02:59:58Z",
                 "links":[{"href":"https://runbooks/db","text":"runbook"}],
                 "images":[{"src":"https://img/x.png"}]}""");

        assertThat(m.summary()).isEqualTo("Replication lag 47s");
        assertThat(m.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(m.source()).isEqualTo("db-3");
        assertThat(m.component()).isEqualTo("postgres");
        assertThat(m.group()).isEqualTo("db");
        assertThat(m.clazz()).isEqualTo("lag");
        assertThat(m.customDetails().get("lag_s").asInt()).isEqualTo(47);
        assertThat(m.dedupKey()).isEqualTo("db-3/lag");
        assertThat(m.eventAction()).isEqualTo(EventAction.TRIGGER);
        assertThat(m.timestamp()).isEqualTo("2026-11-22T02:59:58Z");
        assertThat(m.links().get(0).get("href").asText()).isEqualTo("https://runbooks/db");
        assertThat(m.images()).hasSize(1);
        assertThat(m.headers()).containsKey("Nats-Msg-Id");
        assertThat(m.plainText()).isFalse();
        assertThat(m.notes()).isEmpty();
    }

    @Test
    void everyFieldIsOptional() {
        AlertMessage m = decoded("{}");
        assertThat(m.summary()).isNull();
        assertThat(m.severity()).isNull();
        assertThat(m.eventAction()).isEqualTo(EventAction.TRIGGER);
    }

    @Test
    void severityAliasesMapAndUnknownSeverityIsNotedNotRejected() {
        assertThat(decoded("{\"severity\":\"FATAL\"}").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(decoded("{\"severity\":\" warn \"}").severity()).isEqualTo(Severity.WARNING);
        assertThat(decoded("{\"severity\":\"err\"}").severity()).isEqualTo(Severity.ERROR);
        assertThat(decoded("{\"severity\":\"informational\"}").severity()).isEqualTo(Severity.INFO);

        AlertMessage unknown = decoded("{\"severity\":\"apocalyptic\"}");
        assertThat(unknown.severity()).isNull();
        assertThat(unknown.notes()).containsExactly("unknown severity \"apocalyptic\" ignored; the route's default applies");
    }

    @Test
    void eventActionsParseAndUnknownActionIsRejected() {
        assertThat(decoded("{\"event_action\":\"resolve\"}").eventAction()).isEqualTo(EventAction.RESOLVE);
        assertThat(decoded("{\"event_action\":\"acknowledge\"}").eventAction()).isEqualTo(EventAction.ACKNOWLEDGE);
        assertThat(rejection("{\"event_action\":\"explode\"}"))
                .isEqualTo("event_action \"explode\" is not one of trigger, acknowledge, resolve");
    }

    @Test
    void plainTextBecomesTheSummary() {
        AlertMessage m = decoded("  disk full on web-1\n");
        assertThat(m.summary()).isEqualTo("disk full on web-1");
        assertThat(m.plainText()).isTrue();
        assertThat(m.fields().isEmpty()).isTrue();
    }

    @Test
    void scalarFieldsAreReadAsTextAndContainersAreRejected() {
        assertThat(decoded("{\"summary\":42,\"source\":true}").summary()).isEqualTo("42");
        assertThat(rejection("{\"summary\":{\"a\":1}}")).isEqualTo("field \"summary\" must be text, got an object");
        assertThat(rejection("{\"dedup_key\":[1]}")).isEqualTo("field \"dedup_key\" must be text, got a list");
    }

    @Test
    void oddOptionalPartsAreLeftOutWithANote() {
        AlertMessage m = decoded("{\"timestamp\":\"yesterday\",\"links\":\"x\",\"custom_details\":7}");
        assertThat(m.timestamp()).isNull();
        assertThat(m.links()).isNull();
        assertThat(m.customDetails().get("details").asInt()).isEqualTo(7);
        assertThat(m.notes()).containsExactly(
                "timestamp \"yesterday\" is not ISO-8601; left out",
                "custom_details was a number; wrapped as {\"details\": ...}",
                "links must be a list; left out");
    }

    @Test
    void rejectsEmptyArraysAndTruncatedJson() {
        assertThat(rejection("")).isEqualTo("empty body");
        assertThat(rejection(" \n\t")).isEqualTo("empty body");
        assertThat(rejection("[1,2,3]")).isEqualTo("body is a JSON array; expected a JSON object or plain text");
        assertThat(rejection("{\"summary\": \"cut")).startsWith("malformed JSON at line 1, column ");
        assertThat(rejection("{\"a\":1} trailing")).startsWith("malformed JSON");
        assertThat(rejection("{\"summary\":\"x\"} {}")).isEqualTo("malformed JSON at line 1, column 17: trailing content after the object");
    }

    @Test
    void rejectsInvalidUtf8InTextAndInJson() {
        byte[] text = {'d', 'i', 's', 'k', ' ', (byte) 0xC3, (byte) 0x28};
        assertThat(rejection(text))
                .isEqualTo("body is not valid UTF-8 (bytes 0xC3 0x28 at byte 5: a sequence cut short)");

        byte[] json = "{\"summary\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        json[12] = (byte) 0xFF;
        assertThat(rejection(json)).isEqualTo("body is not valid UTF-8 (byte 0xFF at byte 12: never used in UTF-8)");
    }

    @Test
    void rejectsOversizedBodiesBeforeParsing() {
        byte[] body = new byte[1024 * 1024];
        Arrays.fill(body, (byte) 'a');
        assertThat(rejection(body)).isEqualTo("body is 1048576 bytes; the limit is 524288 (PagerDuty's 512 KB)");

        byte[] exactlyAtLimit = new byte[MessageDecoder.MAX_BODY_BYTES];
        Arrays.fill(exactlyAtLimit, (byte) 'a');
        assertThat(decode(exactlyAtLimit)).isInstanceOf(DecodeResult.Decoded.class);
    }

    @Test
    void rejectsDeepNestingWithoutBlowingTheStack() {
        String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertThat(rejection(deep)).isEqualTo("JSON nested deeper than 64 levels");

        String justAllowed = "{\"a\":" + "[".repeat(62) + "]".repeat(62) + "}";
        assertThat(decode(justAllowed)).isInstanceOf(DecodeResult.Decoded.class);
    }

    @Test
    void duplicateFieldsAreRejectedRatherThanTheLastWinning() {
        // Was accepted, last one winning (issue 15): a viewer showing the first "summary" would hide the second.
        assertThat(rejection("{\"summary\":\"first\",\"summary\":\"second\"}"))
                .isEqualTo("duplicate field \"summary\" at line 1, column 29");
    }

    @Test
    void quickValidationAgreesWithFullDecoding() {
        String[] bodies = {"{}", "text", "", "[1]", "{\"summary\":{}}", "{\"event_action\":\"x\"}",
            "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}", "{\"a\":1", "{\"a\":1}}", "{\"links\":5}",
            "{\"event_action\":null,\"summary\":null}", "{\"custom_details\":{\"summary\":{\"deep\":[1]}}}"};
        for (String body : bodies) {
            DecodeResult full = decode(body);
            String quick = decoder.problemWith(body.getBytes(StandardCharsets.UTF_8));
            if (full instanceof DecodeResult.Rejected rejected) {
                assertThat(quick).as(body).isEqualTo(rejected.reason());
            } else {
                assertThat(quick).as(body).isNull();
            }
        }
    }

    @Test
    void hostileValuesDoNotBloatTheReason() {
        String reason = rejection("{\"event_action\":\"" + "x".repeat(10_000) + "\"}");
        assertThat(reason.length()).isLessThan(200);
    }
}
