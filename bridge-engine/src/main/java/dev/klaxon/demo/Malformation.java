package dev.klaxon.demo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The defects the feed puts into a few messages, so the demo shows rejected decisions with their reasons. Each one
 * is a body a real, buggy publisher could plausibly send.
 */
public enum Malformation {
    /** A JSON object cut off mid-string, as when a publisher truncates at a buffer size. */
    TRUNCATED_JSON,
    /** Valid JSON, but an array instead of an object (a batch where a single alert was expected). */
    JSON_ARRAY,
    /** JSON whose summary holds bytes that are not UTF-8 (Latin-1 text and a stray 0xFF). */
    INVALID_UTF8,
    /** A JSON object whose custom_details nest far deeper than any real alert (the decoder's limit is 64). */
    DEEP_NESTING,
    /** JSON with raw, unescaped control characters inside a string, which JSON forbids. */
    CONTROL_CHARS;

    /** Nesting depth of {@link #DEEP_NESTING}: well past the decoder's limit, small enough to stay cheap. */
    static final int DEEP_NESTING_LEVELS = 300;

    byte[] render(String summary, String source) {
        return switch (this) {
            case TRUNCATED_JSON -> {
                String whole = "{\"summary\":\"" + summary + "\",\"severity\":\"error\",\"source\":\"" + source
                        + "\",\"custom_details\":{\"note\":\"cut off here";
                yield utf8(whole.substring(0, whole.length() - 3));
            }
            case JSON_ARRAY -> utf8("[{\"summary\":\"" + summary + "\",\"source\":\"" + source + "\"},"
                    + "{\"summary\":\"" + summary + " (2)\",\"source\":\"" + source + "\"}]");
            case INVALID_UTF8 -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(utf8("{\"summary\":\"Temp\u00e9rature "));
                // 0xE9 alone is Latin-1 'é' and a broken UTF-8 lead byte; 0xFF never appears in UTF-8.
                out.writeBytes(new byte[] {'r', (byte) 0xE9, 's', 'e', 'a', 'u', ' ', (byte) 0xFF, (byte) 0xFE});
                out.writeBytes(utf8(" on " + source + "\",\"severity\":\"warning\"}"));
                yield out.toByteArray();
            }
            case DEEP_NESTING -> {
                StringBuilder b = new StringBuilder("{\"summary\":\"").append(summary)
                        .append("\",\"custom_details\":");
                b.append("{\"d\":".repeat(DEEP_NESTING_LEVELS)).append("0").append("}".repeat(DEEP_NESTING_LEVELS));
                yield utf8(b.append('}').toString());
            }
            case CONTROL_CHARS -> utf8("{\"summary\":\"" + summary + "\u0000\u0007\u001b[31m\",\"source\":\""
                    + source + "\u0008\"}");
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
