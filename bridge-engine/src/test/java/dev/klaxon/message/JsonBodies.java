package dev.klaxon.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generators for decoder fuzzing: alert-shaped JSON written by hand (so that lone surrogates, NUL and control
 * characters reach the decoder as the escapes a hostile publisher would send), byte-level mutations of it, and raw
 * bytes.
 */
final class JsonBodies {
    private static final List<String> FIELD_NAMES = List.of("summary", "severity", "source", "component", "group",
            "class", "custom_details", "dedup_key", "event_action", "timestamp", "links", "images");
    private static final List<String> KNOWN_VALUES = List.of("\"critical\"", "\"warn\"", "\"resolve\"",
            "\"trigger\"", "\"2026-12-04T05:00:00Z\"", "\"https://runbook/x\"", "\"javascript:alert(1)\"",
            "[{\"href\":\"https://a\",\"text\":\"a\"}]", "[{\"src\":\"https://i/png\",\"href\":\"data:x\"}]");
    /** Characters the decoder must accept: one-line fields get them replaced, custom_details keeps them. */
    private static final char[] BENIGN_CHARS = {'\n', '\r', '\t', '\u001B', '\u007F', '\u0085', '\u2028',
        '\u2029', '\u202E', '\u200B', '\uFFFD', '\uFFFF', '{', '}', '"', '\\', '/', 'é', '☃'};
    /** Characters the decoder must refuse when they arrive (as escapes) in any string. */
    private static final char[] HOSTILE_CHARS = {'\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF'};

    /** Byte sequences that have broken decoders: invalid UTF-8, escapes for NUL and surrogates, odd numbers. */
    private static final List<byte[]> NASTY = List.of(
            bytes(0xC0, 0xAF), bytes(0xC0, 0x80), bytes(0xC1, 0xA1), bytes(0xE0, 0x80, 0xAF),
            bytes(0xED, 0xA0, 0x80), bytes(0xED, 0xB0, 0x80), bytes(0xF4, 0x90, 0x80, 0x80), bytes(0xF5),
            bytes(0xFF), bytes(0x80), bytes(0xE2, 0x82), bytes(0xF0, 0x9F, 0x98), bytes(0),
            utf8("\\u0000"), utf8("\\uD800"), utf8("\\uDC00"), utf8("\\uD83D\\uDE00"), utf8("\\"),
            utf8("1e999999"), utf8("-2E400"), utf8("1e-999999"), utf8("NaN"), utf8("\"summary\":1,"),
            utf8("\"dedup_key\":\"a\\r\\nb\","), utf8("{"), utf8("}"), utf8("["), utf8("]"), utf8(","),
            utf8("\""), utf8("\r\n"), utf8("\\n"), utf8("\u2028"), utf8("javascript:"), utf8("é☃😀\u202E"));

    private JsonBodies() {
    }

    /** An alert-shaped JSON object: known and unknown fields, any text, nested details, now and then a repeat. */
    static String alertJson(SplittableRandom random) {
        int members = random.nextInt(13);
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < members; i++) {
            if (i > 0) {
                out.append(',');
            }
            String name = random.nextInt(3) > 0 ? pick(random, FIELD_NAMES) : anyText(random, 12);
            out.append(quoted(name)).append(':').append(value(random, 3));
        }
        return out.append('}').toString();
    }

    /** A JSON value nested at most {@code depth} levels. */
    static String value(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth == 0 ? 10 : 12);
        if (kind < 6) {
            return quoted(anyText(random, 40));
        }
        if (kind < 8) {
            return number(random);
        }
        if (kind == 8) {
            return pick(random, List.of("true", "false", "null"));
        }
        if (kind == 9) {
            return pick(random, KNOWN_VALUES);
        }
        int size = random.nextInt(5);
        StringBuilder out = new StringBuilder(kind == 10 ? "[" : "{");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(',');
            }
            if (kind == 11) {
                out.append(quoted(anyText(random, 8))).append(':');
            }
            out.append(value(random, depth - 1));
        }
        return out.append(kind == 10 ? "]" : "}").toString();
    }

    private static String number(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> Long.toString(random.nextLong());
            case 1 -> Double.toString(Double.longBitsToDouble(random.nextLong()))
                    .replace("Infinity", "1e999").replace("NaN", "0");
            case 2 -> "1.5e" + random.nextInt(-400, 401);
            default -> Integer.toString(random.nextInt(-1000, 1000));
        };
    }

    /**
     * Text for a JSON string. One in fourteen is hostile (any char: NUL and lone surrogates, which the decoder
     * refuses); the rest are mostly ASCII with line breaks, controls, bidi overrides and valid non-ASCII mixed in,
     * which the decoder must accept and clean, so that both outcomes are well exercised.
     */
    static String anyText(SplittableRandom random, int maxLength) {
        boolean hostile = random.nextInt(14) == 0;
        int length = random.nextInt(maxLength + 1);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(20);
            if (kind < 16) {
                out.append((char) random.nextInt(' ', '~' + 1));
            } else if (kind < 18) {
                out.append(BENIGN_CHARS[random.nextInt(BENIGN_CHARS.length)]);
            } else if (kind == 18) {
                out.append("😀");
            } else if (hostile) {
                out.append(random.nextBoolean() ? HOSTILE_CHARS[random.nextInt(HOSTILE_CHARS.length)]
                        : (char) random.nextInt(Character.MAX_VALUE + 1));
            } else {
                char c = (char) random.nextInt(0xA0, Character.MAX_VALUE + 1);
                out.append(Character.isSurrogate(c) ? 'ж' : c);
            }
        }
        return out.toString();
    }

    /** {@code text} as a JSON string: quotes, backslashes, controls and every surrogate written as escapes. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Valid alert JSON with one to three edits: bytes replaced, nasty sequences inserted, slices cut or repeated. */
    static byte[] mutatedAlertJson(SplittableRandom random) {
        byte[] body = utf8(alertJson(random));
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            body = mutate(random, body);
        }
        return body;
    }

    private static byte[] mutate(SplittableRandom random, byte[] body) {
        int at = random.nextInt(body.length + 1);
        return switch (random.nextInt(5)) {
            case 0 -> {
                if (body.length == 0) {
                    yield body;
                }
                byte[] out = body.clone();
                out[Math.min(at, body.length - 1)] = (byte) random.nextInt(random.nextBoolean() ? 0x80 : 0x100);
                yield out;
            }
            case 1 -> insert(body, at, NASTY.get(random.nextInt(NASTY.size())));
            case 2 -> insert(body, at, randomBytes(random, 4));
            case 3 -> {
                int end = Math.min(body.length, at + random.nextInt(17));
                ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
                out.write(body, 0, at);
                out.write(body, end, body.length - end);
                yield out.toByteArray();
            }
            default -> {
                int end = Math.min(body.length, at + random.nextInt(41));
                byte[] slice = java.util.Arrays.copyOfRange(body, at, end);
                yield insert(body, random.nextInt(body.length + 1), slice);
            }
        };
    }

    /** Raw bytes: uniform, or after a '{' (the JSON path), or any text encoded as UTF-8. */
    static byte[] anyBytes(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> randomBytes(random, 2048);
            case 1 -> insert(randomBytes(random, 2048), 0, new byte[] {'{'});
            default -> utf8(anyText(random, 200));
        };
    }

    private static byte[] randomBytes(SplittableRandom random, int maxLength) {
        byte[] out = new byte[random.nextInt(maxLength + 1)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) random.nextInt(256);
        }
        return out;
    }

    private static byte[] insert(byte[] body, int at, byte[] inserted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + inserted.length);
        out.write(body, 0, at);
        out.writeBytes(inserted);
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
