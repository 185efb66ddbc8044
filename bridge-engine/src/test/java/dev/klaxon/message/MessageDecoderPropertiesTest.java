package dev.klaxon.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.testing.PropertyCheck;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property-based fuzzing of the decoder (issue 15): for arbitrary bytes and for arbitrary mutations of alert JSON,
 * decoding never throws, agrees with the quick validation, is deterministic, and what it lets through is clean
 * (valid Unicode, no NUL, one-line fields on one line) while what it rejects says why in a short printable reason.
 * 1,000 tries each keeps the default test run fast; a failure names the seed that replays it.
 */
class MessageDecoderPropertiesTest {
    private static final int TRIES = 1000;
    private static final int MAX_REASON_LENGTH = 400;

    private final MessageDecoder decoder = new MessageDecoder();

    @Test
    void arbitraryBytesDecodeOrAreRejectedWithAReason() {
        PropertyCheck.ofBytes(JsonBodies::anyBytes).forAll(TRIES, this::checkEverything);
    }

    @Test
    void mutatedAlertsDecodeOrAreRejectedWithAReason() {
        PropertyCheck.ofBytes(JsonBodies::mutatedAlertJson).forAll(TRIES, this::checkEverything);
    }

    @Test
    void alertsWithAnyTextDecodeOrAreRejectedWithAReason() {
        PropertyCheck.ofBytes(random -> JsonBodies.alertJson(random).getBytes(StandardCharsets.UTF_8))
                .forAll(TRIES, this::checkEverything);
    }

    /** The decoder's UTF-8 rule is the standard's: it agrees with the JDK's strict decoder on where input breaks. */
    @Test
    void strictUtf8AgreesWithTheJdk() {
        PropertyCheck.ofBytes(MessageDecoderPropertiesTest::mostlyHighBytes).forAll(TRIES * 10, bytes -> {
            CharsetDecoder jdk = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            CoderResult result = jdk.decode(in, CharBuffer.allocate(bytes.length * 2), true);
            StrictUtf8.Violation violation = StrictUtf8.firstViolation(bytes);
            if (result.isError()) {
                assertThat(violation).isNotNull();
                assertThat(violation.offset()).isEqualTo(in.position());
            } else {
                assertThat(violation).isNull();
            }
        });
    }

    /** Bytes from the UTF-8 lead and continuation ranges, where the edge cases are, with some ASCII. */
    private static byte[] mostlyHighBytes(SplittableRandom random) {
        byte[] out = new byte[random.nextInt(13)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x80, 0x100));
        }
        return out;
    }

    private void checkEverything(byte[] body) {
        DecodeResult result = decoder.decode(inbound(body));
        assertThat(result).isNotNull();
        // Deterministic: again, and on a fresh decoder (no state carried from one message to the next).
        assertThat(decoder.decode(inbound(body))).isEqualTo(result);
        assertThat(new MessageDecoder().decode(inbound(body))).isEqualTo(result);
        if (result instanceof DecodeResult.Rejected rejected) {
            assertThat(decoder.problemWith(body)).as("quick validation agrees").isEqualTo(rejected.reason());
            assertReasonIsShowable(rejected.reason());
        } else {
            assertThat(decoder.problemWith(body)).as("quick validation agrees").isNull();
            assertClean(((DecodeResult.Decoded) result).message());
        }
    }

    private static InboundMessage inbound(byte[] body) {
        return new InboundMessage("alerts.fuzz", body, Map.of(), Instant.parse("2026-12-04T05:00:00Z"));
    }

    private static void assertReasonIsShowable(String reason) {
        assertThat(reason).isNotBlank();
        assertThat(reason.length()).isLessThanOrEqualTo(MAX_REASON_LENGTH);
        assertValidUnicodeWithoutNul(reason);
        assertThat(OneLine.firstBreak(reason)).as("a control character in the reason %s", reason).isNegative();
    }

    private static void assertClean(AlertMessage message) {
        for (String oneLine : new String[] {message.summary(), message.source(), message.component(),
            message.group(), message.clazz(), message.dedupKey()}) {
            if (oneLine != null) {
                assertValidUnicodeWithoutNul(oneLine);
                assertThat(OneLine.firstBreak(oneLine)).as("a line break in %s", oneLine).isNegative();
            }
        }
        for (String note : message.notes()) {
            assertValidUnicodeWithoutNul(note);
            assertThat(OneLine.firstBreak(note)).as("a control character in the note %s", note).isNegative();
        }
        List<String> texts = new ArrayList<>();
        collectTexts(message.fields(), texts);
        collectTexts(message.customDetails(), texts);
        if (message.timestamp() != null) {
            texts.add(message.timestamp());
        }
        texts.forEach(MessageDecoderPropertiesTest::assertValidUnicodeWithoutNul);
    }

    /** Every field name and text value in a tree. */
    private static void collectTexts(JsonNode node, List<String> texts) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            texts.add(node.textValue());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            texts.add(field.getKey());
            collectTexts(field.getValue(), texts);
        }
        if (node.isArray()) {
            node.forEach(item -> collectTexts(item, texts));
        }
    }

    private static void assertValidUnicodeWithoutNul(String text) {
        assertThat(text.indexOf('\u0000')).as("NUL in %s", text).isNegative();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else {
                assertThat(Character.isSurrogate(c)).as("unpaired surrogate at %d", i).isFalse();
            }
        }
    }
}
