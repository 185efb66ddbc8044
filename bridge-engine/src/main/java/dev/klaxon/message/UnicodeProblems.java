package dev.klaxon.message;

/**
 * What a JSON string may hold only through a {@code \\u} escape and must not reach PagerDuty, the audit or a
 * terminal: NUL (C strings and many tools stop there, so what is logged and what is shown can differ) and an
 * unpaired surrogate (not a character at all; encoders replace or refuse it). Well-formed UTF-8 bytes cannot
 * produce either, and JSON forbids raw control characters in strings, so a body without {@code \\u} escapes is
 * free of both.
 */
final class UnicodeProblems {

    private UnicodeProblems() {
    }

    /** What is wrong with the chars, e.g. {@code a NUL character (U+0000)}, or null when nothing is. */
    static String in(char[] chars, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char c = chars[i];
            if (c == 0) {
                return "a NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("an unpaired surrogate (U+%04X)", (int) c);
            }
        }
        return null;
    }

    static String in(String text) {
        return in(text.toCharArray(), 0, text.length());
    }

    /** True when the body has a {@code \\u} escape anywhere, the only way NUL or a lone surrogate gets in. */
    static boolean mayHaveEscapes(byte[] body) {
        return ByteScan.containsPair(body, (byte) '\\', (byte) 'u');
    }
}
