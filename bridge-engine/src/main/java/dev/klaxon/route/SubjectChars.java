package dev.klaxon.route;

/**
 * Character rules shared by subjects and patterns. Subjects arrive from the wire, so reasons built from them must
 * stay printable: control characters are described by code point, never echoed.
 */
final class SubjectChars {

    private SubjectChars() {
    }

    /** Index of the first whitespace or control character, or -1 when there is none. */
    static int firstForbidden(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // ASCII fast path: everything from '!' to '~' is allowed.
            if (c > ' ' && c < 0x7f) {
                continue;
            }
            if (isForbidden(text.codePointAt(i))) {
                return i;
            }
        }
        return -1;
    }

    static boolean isForbidden(int codePoint) {
        return Character.isWhitespace(codePoint)
                || Character.isSpaceChar(codePoint)
                || Character.isISOControl(codePoint);
    }

    /** {@code U+0009}: names a character without printing it. */
    static String describe(int codePoint) {
        return String.format("U+%04X", codePoint);
    }

    /**
     * {@code "text"} in quotes, with forbidden characters other than a plain space written as Java-style unicode
     * escapes, so that a message never carries a tab, newline or control character raw.
     */
    static String quote(String text) {
        if (firstForbidden(text) < 0) {
            return "\"" + text + "\"";
        }
        StringBuilder out = new StringBuilder(text.length() + 8).append('"');
        text.codePoints().forEach(cp -> {
            if (cp != ' ' && isForbidden(cp)) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('"').toString();
    }

    /** Names the forbidden character at {@code index}, e.g. {@code whitespace U+0020 at position 6}. */
    static String forbiddenAt(String text, int index) {
        int cp = text.codePointAt(index);
        String kind = Character.isISOControl(cp) ? "control character" : "whitespace";
        return kind + " " + describe(cp) + " at position " + index;
    }
}
