package dev.klaxon.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.testing.PropertyCheck;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quick check may only skip the full JSON check where the full check would accept: it must never let through
 * what the decoder's rules reject. Checked on bodies built to sit near every rule's edge, on arbitrary alerts, on
 * mutations and on raw bytes; and it must actually take the common alert, or it saves nothing.
 */
class JsonQuickCheckTest {
    private static final int TRIES = 3000;

    private final MessageDecoder decoder = new MessageDecoder();
    /** One checker for every body of a run, as the decoder keeps one per thread: what one body left must not count. */
    private final JsonQuickCheck reused = new JsonQuickCheck();

    @Test
    void neverAcceptsWhatTheFullCheckRejectsNearTheRulesEdges() {
        AtomicInteger quick = new AtomicInteger();
        PropertyCheck.ofBytes(JsonQuickCheckTest::nearTheEdges).forAll(TRIES, body -> checkAgainstFull(body, quick));
        // The generator is meant to land on both sides: a run where the quick check never said yes proves nothing.
        assertThat(quick.get()).isGreaterThan(TRIES / 20);
    }

    @Test
    void neverAcceptsWhatTheFullCheckRejectsInArbitraryAlerts() {
        PropertyCheck.ofBytes(random -> JsonBodies.alertJson(random).getBytes(StandardCharsets.UTF_8))
                .forAll(TRIES, body -> checkAgainstFull(body, new AtomicInteger()));
    }

    @Test
    void neverAcceptsWhatTheFullCheckRejectsInMutatedAlertsOrRawBytes() {
        PropertyCheck.ofBytes(JsonBodies::mutatedAlertJson).forAll(TRIES, body -> checkAgainstFull(body,
                new AtomicInteger()));
        PropertyCheck.ofBytes(JsonBodies::anyBytes).forAll(TRIES, body -> checkAgainstFull(body, new AtomicInteger()));
        PropertyCheck.ofBytes(random -> mutate(random, nearTheEdges(random)))
                .forAll(TRIES, body -> checkAgainstFull(body, new AtomicInteger()));
        PropertyCheck.ofBytes(random -> withByteBeyondAscii(random, nearTheEdges(random)))
                .forAll(TRIES, body -> checkAgainstFull(body, new AtomicInteger()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        " {\"summary\":\"Queue depth 1250 on svc-001/host-3\",\"severity\":\"error\",\"source\":\"host-3\","
                + "\"component\":\"svc-001\",\"custom_details\":{\"pad\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}}\n",
        "{\"summary\":\"disk \\\"/var\\\" at 97%\\n\\tsee runbook\",\"dedup_key\":\"db-1/disk\",\"event_action\":\"resolve\"}",
        "{\"summary\":\"Café ☃ naïve\",\"custom_details\":{\"n\":-12.25,\"ok\":true,\"none\":null,\"list\":[1,0,\"x\",[],{}]}}",
        "{\"event_action\":null,\"dedup_key\":null,\"a\":{\"a\":{\"a\":1}}}",
        "{\"links\":[{\"href\":\"https://x\",\"text\":\"runbook\"}],\"images\":[]}"
    })
    void takesPlainAlerts(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.problemWith(body, false)).isNull();
        assertThat(new JsonQuickCheck().certainlyValid(body, firstBrace(body))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":1,\"a\":2}",
        "{\"x\":{\"b\":1,\"c\":2,\"b\":3}}",
        "{\"summary\":{\"text\":\"x\"}}",
        "{\"severity\":[\"critical\"]}",
        "{\"event_action\":\"TRIGGER\"}",
        "{\"event_action\":\"explode\"}",
        "{\"event_action\":1}",
        "{\"dedup_key\":\"a\\nb\"}",
        "{\"dedup_key\":\"a\u2028b\"}",
        "{\"dedup_key\":\"a\u007Fb\"}",
        "{\"dedup_key\":7}",
        "{\"summary\":\"nul \\u0000 here\"}",
        "{\"su\\u006dmary\":\"x\"}",
        "{\"n\":1e999999}",
        "{\"n\":01}",
        "{\"n\":1.}",
        "{\"n\":-}",
        "{\"n\":tru}",
        "{\"a\":1,}",
        "{\"a\":1}x",
        "{\"a\":1}{}",
        "{\"a\" 1}",
        "{\"a\":\"tab\there\"}",
        "{\"a\":[1 2]}",
        "{\"a\":\"cut",
        "{\"a\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}"
    })
    void isNotSureOfAnythingNearARule(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        assertThat(new JsonQuickCheck().certainlyValid(body, firstBrace(body))).isFalse();
    }

    @Test
    void aReusedCheckerForgetsTheNamesOfBodiesItGaveUpOn() {
        byte[] cut = "{\"summary\":\"x\",\"severity\":{\"a\":1,\"a\":2}}".getBytes(StandardCharsets.UTF_8);
        byte[] plain = "{\"summary\":\"x\",\"severity\":\"info\"}".getBytes(StandardCharsets.UTF_8);

        // Each body given up on leaves two names open; remembered across bodies, they would soon fill the name
        // table and make every later body "not sure".
        for (int i = 0; i < 100; i++) {
            assertThat(reused.certainlyValid(cut, 0)).isFalse();
        }
        assertThat(reused.certainlyValid(plain, 0)).isTrue();
    }

    @Test
    void saysWhenItMetBytesBeyondAsciiSoTheDecoderStillChecksTheirUtf8() {
        byte[] accented = "{\"summary\":\"café\"}".getBytes(StandardCharsets.UTF_8);
        byte[] notUtf8 = {'{', '"', 's', '"', ':', '"', 'a', (byte) 0xFF, '"', '}'};
        byte[] ascii = "{\"summary\":\"cafe\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(reused.certainlyValid(accented, 0)).isTrue();
        assertThat(reused.acceptedAsciiOnly()).isFalse();
        assertThat(reused.certainlyValid(notUtf8, 0)).isTrue();
        assertThat(reused.acceptedAsciiOnly()).isFalse();
        assertThat(reused.certainlyValid(ascii, 0)).isTrue();
        assertThat(reused.acceptedAsciiOnly()).isTrue();
        assertThat(decoder.problemWith(accented)).isNull();
        assertThat(decoder.problemWith(notUtf8)).contains("not valid UTF-8");
    }

    private void checkAgainstFull(byte[] body, AtomicInteger quickAccepted) {
        // Whatever the bytes, the decoder's answer does not depend on whether the quick check ran.
        assertThat(decoder.problemWith(body, true)).isEqualTo(decoder.problemWith(body, false));
        int first = firstBrace(body);
        if (first < 0 || body.length > MessageDecoder.MAX_BODY_BYTES) {
            return; // the decoder asks the quick check only about a body of its size that starts with '{'
        }
        boolean certain = reused.certainlyValid(body, first);
        boolean asciiOnly = reused.acceptedAsciiOnly();
        assertThat(certain).as("a reused checker answers as a new one").isEqualTo(
                new JsonQuickCheck().certainlyValid(body, first));
        if (certain && asciiOnly) {
            for (byte b : body) {
                assertThat(b).as("a byte of a body accepted as all ASCII").isNotNegative();
            }
        }
        if (certain && StrictUtf8.firstViolation(body) == null) {
            quickAccepted.incrementAndGet();
            assertThat(decoder.problemWith(body, false)).as("full check of a body the quick check took").isNull();
        }
    }

    private static int firstBrace(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{' ? i : -1;
            }
        }
        return -1;
    }

    private static final List<String> NAMES = List.of("summary", "severity", "source", "component", "group", "class",
            "timestamp", "dedup_key", "event_action", "custom_details", "links", "a", "b", "A", "a ", "su\\u006dmary",
            "q\\\"", "é", "");
    private static final List<String> STRINGS = List.of("\"plain text\"", "\"\"", "\"esc \\\" \\\\ \\/ \\n \\t\"",
            "\"nul \\u0000\"", "\"e \\u00e9\"", "\"lone \\ud800\"", "\"raw é ☃\"", "\"sep \u2028\"", "\"del \u007F\"",
            "\"c1 \u0085\"", "\"raw\ttab\"", "\"bad \\x escape\"", "\"trigger\"", "\"TRIGGER\"", "\" ack\"",
            "\"ack\"", "\"acknowledge\"", "\"resolved\"", "\"resolve\"", "\"critical\"", "\"2026-12-04T10:00:00Z\"");
    private static final List<String> SCALARS = List.of("0", "-0", "01", "1.", "1.5", "-", "-12.250", "1e5", "1E400",
            "123456789012345678901234567890123456", "99999999999999999999", "true", "false", "null", "nul", "truex",
            "+1", ".5", "NaN");
    private static final List<String> BLANKS = List.of("", "", "", " ", "\n", "\r\n\t ", "\f");

    /** Alert-like bodies where every rule's edge is close: repeated names, odd values, separators, depth, tails. */
    private static byte[] nearTheEdges(SplittableRandom random) {
        StringBuilder out = new StringBuilder(pick(random, BLANKS));
        object(random, out, 0);
        if (random.nextInt(8) == 0) {
            out.append(pick(random, List.of("x", "}", "{}", "\u0000", ",")));
        }
        out.append(pick(random, BLANKS));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void object(SplittableRandom random, StringBuilder out, int depth) {
        out.append('{').append(pick(random, BLANKS));
        int members = random.nextInt(depth == 0 ? 9 : 4);
        for (int i = 0; i < members; i++) {
            if (i > 0) {
                out.append(random.nextInt(40) == 0 ? "" : ",").append(pick(random, BLANKS));
            }
            out.append('"').append(pick(random, NAMES)).append('"').append(pick(random, BLANKS))
                    .append(random.nextInt(60) == 0 ? "" : ":").append(pick(random, BLANKS));
            value(random, out, depth);
        }
        if (members > 0 && random.nextInt(40) == 0) {
            out.append(',');
        }
        out.append(pick(random, BLANKS)).append('}');
    }

    private static void value(SplittableRandom random, StringBuilder out, int depth) {
        int kind = random.nextInt(depth > 20 ? 8 : 10);
        if (kind < 4) {
            out.append(pick(random, STRINGS));
        } else if (kind < 8) {
            out.append(pick(random, SCALARS));
        } else if (kind == 8) {
            object(random, out, depth + 1);
        } else {
            out.append('[').append(pick(random, BLANKS));
            int items = random.nextInt(4);
            for (int i = 0; i < items; i++) {
                if (i > 0) {
                    out.append(random.nextInt(40) == 0 ? " " : ",");
                }
                value(random, out, depth + 1);
            }
            out.append(']');
        }
    }

    /** One printable ASCII byte put somewhere. */
    private static byte[] mutate(SplittableRandom random, byte[] body) {
        return withOneByte(random, body, 0x20, 0x7F);
    }

    /** One byte of 0x80 and up somewhere: often inside a string, where only the UTF-8 check can refuse it. */
    private static byte[] withByteBeyondAscii(SplittableRandom random, byte[] body) {
        return withOneByte(random, body, 0x80, 0x100);
    }

    /** A copy of {@code body} with one byte, at a random place, set to a value in [{@code from}, {@code to}). */
    private static byte[] withOneByte(SplittableRandom random, byte[] body, int from, int to) {
        if (body.length == 0) {
            return body;
        }
        byte[] out = body.clone();
        out[random.nextInt(out.length)] = (byte) random.nextInt(from, to);
        return out;
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
