package dev.klaxon.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Bodies an attacker would send (issue 15): each was forwarded before. Every rejection must also come out of the
 * quick validation ({@link MessageDecoder#problemWith}), which is what non-page rules use.
 */
class HostileJsonBodyTest {

    private final MessageDecoder decoder = new MessageDecoder();

    private DecodeResult decode(byte[] body) {
        return decoder.decode(InboundMessage.of("alerts.prod.db", body, Instant.parse("2026-12-04T05:00:00Z")));
    }

    private String rejection(byte[] body) {
        DecodeResult result = decode(body);
        assertThat(result).as(show(body)).isInstanceOf(DecodeResult.Rejected.class);
        String reason = ((DecodeResult.Rejected) result).reason();
        assertThat(decoder.problemWith(body)).as("quick validation agrees").isEqualTo(reason);
        return reason;
    }

    private String rejection(String body) {
        return rejection(body.getBytes(StandardCharsets.UTF_8));
    }

    private AlertMessage decoded(String body) {
        DecodeResult result = decode(body.getBytes(StandardCharsets.UTF_8));
        assertThat(result).as(body).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded) result).message();
    }

    /** {@code prefix}, then the raw bytes, then {@code suffix}: a body whose bytes no Java string can hold. */
    private static byte[] bytes(String prefix, int[] raw, String suffix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
        for (int b : raw) {
            out.write(b);
        }
        out.writeBytes(suffix.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String show(byte[] body) {
        return new String(body, StandardCharsets.ISO_8859_1);
    }

    // --- invalid UTF-8 inside JSON -----------------------------------------------------------------------------

    @Test
    void overlongSlashIsRejectedNamingOffsetAndBytes() {
        // {"summary":"a<C0 AF>b"}: C0 AF is an overlong '/', which lenient decoders read as a path separator.
        assertThat(rejection(bytes("{\"summary\":\"a", new int[] {0xC0, 0xAF}, "b\"}")))
                .isEqualTo("body is not valid UTF-8 (bytes 0xC0 0xAF at byte 13: an overlong encoding)");
    }

    @Test
    void overlongNulIsRejected() {
        assertThat(rejection(bytes("{\"summary\":\"", new int[] {0xC0, 0x80}, "\"}")))
                .isEqualTo("body is not valid UTF-8 (bytes 0xC0 0x80 at byte 12: an overlong encoding)");
    }

    @Test
    void overlongLettersInAKeyDoNotSpellTheKey() {
        // summ<C1 A1>ry: C1 A1 is an overlong 'a'; the key must not be read as "summary".
        assertThat(rejection(bytes("{\"summ", new int[] {0xC1, 0xA1}, "ry\":\"x\"}")))
                .isEqualTo("body is not valid UTF-8 (bytes 0xC1 0xA1 at byte 6: an overlong encoding)");
        assertThat(rejection(bytes("{\"summary\":\"", new int[] {0xE0, 0x80, 0xAF}, "\"}")))
                .isEqualTo("body is not valid UTF-8 (bytes 0xE0 0x80 0xAF at byte 12: an overlong encoding)");
        assertThat(rejection(bytes("{\"summary\":\"", new int[] {0xF0, 0x80, 0x80, 0xAF}, "\"}")))
                .isEqualTo("body is not valid UTF-8 (bytes 0xF0 0x80 0x80 0xAF at byte 12: an overlong encoding)");
    }

    @Test
    void encodedSurrogatesAreRejected() {
        // CESU-8: U+D83D U+DE00 encoded one surrogate at a time instead of as one four-byte sequence.
        assertThat(rejection(bytes("{\"summary\":\"", new int[] {0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80}, "\"}")))
                .isEqualTo("body is not valid UTF-8 (bytes 0xED 0xA0 0xBD at byte 12: an encoded surrogate)");
    }

    @Test
    void codePointsAboveTheUnicodeRangeAreRejected() {
        assertThat(rejection(bytes("{\"summary\":\"", new int[] {0xF4, 0x90, 0x80, 0x80}, "\"}")))
                .isEqualTo("body is not valid UTF-8 (bytes 0xF4 0x90 0x80 0x80 at byte 12: above U+10FFFF)");
        assertThat(rejection(bytes("{\"summary\":\"", new int[] {0xF5, 0x80, 0x80, 0x80}, "\"}")))
                .isEqualTo("body is not valid UTF-8 (bytes 0xF5 0x80 0x80 0x80 at byte 12: above U+10FFFF)");
    }

    @Test
    void strayAndTruncatedSequencesAreRejected() {
        assertThat(rejection(bytes("{\"summary\":\"", new int[] {0x80}, "\"}")))
                .isEqualTo("body is not valid UTF-8 (byte 0x80 at byte 12: a continuation byte without a lead byte)");
        assertThat(rejection(bytes("{\"summary\":\"", new int[] {0xFF}, "\"}")))
                .isEqualTo("body is not valid UTF-8 (byte 0xFF at byte 12: never used in UTF-8)");
        assertThat(rejection(bytes("{\"summary\":\"", new int[] {0xE2, 0x82}, "\"}")))
                .isEqualTo("body is not valid UTF-8 (bytes 0xE2 0x82 0x22 at byte 12: a sequence cut short)");
        assertThat(rejection(bytes("disk ", new int[] {0xE2, 0x82}, "")))
                .isEqualTo("body is not valid UTF-8 (bytes 0xE2 0x82 at byte 5: a sequence cut short by the end of "
                        + "the body)");
    }

    @Test
    void everyValidCodePointStillDecodes() {
        AlertMessage m = decoded("{\"summary\":\"é ☃ 😀 \uFFFD \uD7FF \uE000 \uDBFF\uDFFF\"}");
        assertThat(m.summary()).isEqualTo("é ☃ 😀 \uFFFD \uD7FF \uE000 \uDBFF\uDFFF");
    }

    // --- duplicate keys ----------------------------------------------------------------------------------------

    @Test
    void duplicateKeysAreRejectedNamingTheKey() {
        assertThat(rejection("{\"summary\":\"disk ok\",\"severity\":\"info\",\"summary\":\"db down\"}"))
                .isEqualTo("duplicate field \"summary\" at line 1, column 49");
        assertThat(rejection("{\"custom_details\":{\"host\":\"a\",\"host\":\"b\"}}"))
                .isEqualTo("duplicate field \"custom_details.host\" at line 1, column 37");
    }

    // --- numbers out of range ----------------------------------------------------------------------------------

    @Test
    void numbersBeyondADoubleAreRejectedNamingTheField() {
        assertThat(rejection("{\"summary\":1e999999}"))
                .isEqualTo("field \"summary\" is a number out of range: 1e999999");
        assertThat(rejection("{\"custom_details\":{\"disk\":{\"used\":[1,-2E400]}}}"))
                .isEqualTo("field \"custom_details.disk.used.1\" is a number out of range: -2E400");
    }

    @Test
    void largeButFiniteNumbersStayExact() {
        AlertMessage m = decoded("{\"custom_details\":{\"big\":1.5e300,\"long\":123456789012345678901234567890}}");
        assertThat(m.customDetails().get("big").decimalValue()).isEqualByComparingTo("1.5e300");
        assertThat(m.customDetails().get("long").bigIntegerValue()).hasToString("123456789012345678901234567890");
    }

    // --- NUL, unpaired surrogates and control characters ---------------------------------------------------------

    @Test
    void nulIsRejectedAnywhere() {
        assertThat(rejection("{\"summary\":\"disk\\u0000full\"}"))
                .isEqualTo("field \"summary\" contains a NUL character (U+0000)");
        assertThat(rejection("{\"custom_details\":{\"note\":[\"ok\",\"\\u0000\"]}}"))
                .isEqualTo("field \"custom_details.note.1\" contains a NUL character (U+0000)");
        assertThat(rejection("{\"sum\\u0000mary\":\"x\"}"))
                .isEqualTo("field name \"sum\\u0000mary\" contains a NUL character (U+0000)");
        assertThat(rejection(bytes("disk", new int[] {0}, " full")))
                .isEqualTo("body contains a NUL byte at byte 4");
    }

    @Test
    void unpairedSurrogateEscapesAreRejected() {
        assertThat(rejection("{\"source\":\"db\\uD800\"}"))
                .isEqualTo("field \"source\" contains an unpaired surrogate (U+D800)");
        assertThat(rejection("{\"custom_details\":{\"x\":\"\\uDC00\\uD800\"}}"))
                .isEqualTo("field \"custom_details.x\" contains an unpaired surrogate (U+DC00)");
        assertThat(decoded("{\"summary\":\"\\uD83D\\uDE00\"}").summary()).isEqualTo("😀");
    }

    @Test
    void lineBreaksAndControlsInOneLineFieldsBecomeSpaces() {
        AlertMessage m = decoded("{\"summary\":\"disk full\\r\\nX-Injected: yes\",\"source\":\"\\tdb-3\\u001b[31m\","
                + "\"component\":\"pg\\u2028sql\",\"group\":\"a\\u0085b\",\"class\":\"c\\u007f\"}");
        assertThat(m.summary()).isEqualTo("disk full X-Injected: yes");
        assertThat(m.source()).isEqualTo("db-3 [31m");
        assertThat(m.component()).isEqualTo("pg sql");
        assertThat(m.group()).isEqualTo("a b");
        assertThat(m.clazz()).isEqualTo("c");
        assertThat(m.fields().get("summary").asText()).as("templates read the cleaned text")
                .isEqualTo("disk full X-Injected: yes");
        assertThat(m.notes()).containsExactly(
                "summary: line breaks or control characters replaced by a space",
                "source: line breaks or control characters replaced by a space",
                "component: line breaks or control characters replaced by a space",
                "group: line breaks or control characters replaced by a space",
                "class: line breaks or control characters replaced by a space");
    }

    @Test
    void plainTextBecomesOneLine() {
        DecodeResult result = decode("disk full\r\non web-1\n".getBytes(StandardCharsets.UTF_8));
        AlertMessage m = ((DecodeResult.Decoded) result).message();
        assertThat(m.summary()).isEqualTo("disk full on web-1");
        assertThat(m.notes()).containsExactly("summary: line breaks or control characters replaced by a space");
    }

    @Test
    void controlCharactersInTheDedupKeyAreRejected() {
        assertThat(rejection("{\"dedup_key\":\"db-3\\r\\nlag\"}"))
                .isEqualTo("field \"dedup_key\" contains a control character or line break (U+000D at position 4)");
        assertThat(rejection("{\"dedup_key\":\"db-3\\u2028\"}"))
                .isEqualTo("field \"dedup_key\" contains a control character or line break (U+2028 at position 4)");
    }

    @Test
    void customDetailsKeepTheirLineBreaks() {
        // Stack traces and multi-line output belong in custom_details; PagerDuty shows them as JSON.
        AlertMessage m = decoded("{\"custom_details\":{\"trace\":\"at a\\n\\tat b\"}}");
        assertThat(m.customDetails().get("trace").asText()).isEqualTo("at a\n\tat b");
        assertThat(m.notes()).isEmpty();
    }

    @Test
    void hostileValuesInReasonsAndNotesAreShownEscaped() {
        assertThat(rejection("{\"event_action\":\"x\\u0007\\u202e\"}"))
                .isEqualTo("event_action \"x\\u0007\\u202E\" is not one of trigger, acknowledge, resolve");
        // A quote or backslash in a value cannot make the quoted value look like it ended, or forge an escape.
        assertThat(rejection("{\"event_action\":\"a\\\" b\\\\u0000\"}"))
                .isEqualTo("event_action \"a\\\" b\\\\u0000\" is not one of trigger, acknowledge, resolve");
        assertThat(decoded("{\"severity\":\"bad\\n\"}").notes())
                .containsExactly("unknown severity \"bad\\u000A\" ignored; the route's default applies");
        // Cutting a long value never leaves half of a surrogate pair behind.
        String reason = rejection("{\"event_action\":\"" + "x".repeat(76) + "😀😀😀\"}");
        assertThat(reason).doesNotContain("\uD83D\"").contains("...");
    }

    @Test
    void whatHeldStillHolds() {
        byte[] huge = new byte[1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        assertThat(rejection(huge)).isEqualTo("body is 1048576 bytes; the limit is 524288 (PagerDuty's 512 KB)");
        assertThat(rejection("{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}"))
                .isEqualTo("JSON nested deeper than 64 levels");
        assertThat(decoded("{\"source\":\"{subject}\"}").source()).isEqualTo("{subject}");
    }
}
