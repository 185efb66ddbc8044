package dev.klaxon.app.ui.common;

import java.util.Locale;

/**
 * Makes text from the outside (payloads, headers, subjects, incident titles) safe to put on screen: inert and
 * bounded. Characters that would act rather than show are written out visibly: control characters, bidi overrides
 * and isolates (U+202E would reverse the rest of a line), zero-width and other format characters, and lone
 * surrogates all become escapes such as "\\u202E". Overlong text is cut with "… (N more characters)", so the
 * reader knows something is missing and how much.
 */
public final class SafeText {
    /** Joins emoji sequences; escaping it would garble harmless emoji. */
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private SafeText() {
    }

    /** True for a character that must be shown escaped rather than drawn. */
    static boolean hostile(int codePoint) {
        if (codePoint == ZERO_WIDTH_JOINER) {
            return false;
        }
        int type = Character.getType(codePoint);
        return Character.isISOControl(codePoint) || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** The written-out form: backslash, u, four hex digits; beyond the basic plane the digits go in braces. */
    static String escape(int codePoint) {
        return codePoint <= 0xFFFF ? String.format(Locale.ROOT, "\\u%04X", codePoint)
                : String.format(Locale.ROOT, "\\u{%X}", codePoint);
    }

    /** "… (1,234 more characters)" */
    static String more(long characters) {
        return "… (" + Formats.count(characters) + " more character" + (characters == 1 ? "" : "s") + ")";
    }

    /**
     * One line of at most about {@code max} characters: runs of whitespace (line breaks and tabs included) become one
     * space, hostile characters are escaped, and a longer text ends with "… (N more characters)".
     */
    public static String inline(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 32);
        int i = appendLine(text, 0, max, out, true);
        String line = out.toString().strip();
        return i < text.length() ? line + " " + more(text.length() - i) : line;
    }

    /**
     * Many lines: line breaks and tabs stay, CR LF becomes LF, other hostile characters are escaped; each line is
     * cut after {@code maxLine} characters and the whole after {@code maxTotal}, each cut saying how much it left out.
     */
    public static String block(String text, int maxLine, int maxTotal) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxTotal) + 64);
        int i = 0;
        while (i < text.length()) {
            if (out.length() >= maxTotal) {
                out.append(out.length() > 0 && out.charAt(out.length() - 1) != '\n' ? "\n" : "")
                        .append(more(text.length() - i));
                return out.toString();
            }
            int lineStart = out.length();
            i = appendLine(text, i, Math.min(maxLine, maxTotal - lineStart), out, false);
            if (i >= text.length()) {
                break;
            }
            char next = text.charAt(i);
            if (next == '\n') {
                out.append('\n');
                i++;
            } else if (next == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                out.append('\n');
                i += 2;
            } else {
                // The line was cut: say how much of it is left out and go on with the next line.
                int end = text.indexOf('\n', i);
                int lineEnd = end < 0 ? text.length() : end;
                out.append(more(lineEnd - i));
                i = lineEnd;
            }
        }
        return out.toString();
    }

    /**
     * Appends from {@code start} until {@code max} characters are out, a line break ({@code flat}: never) or the end;
     * returns where it stopped.
     */
    private static int appendLine(String text, int start, int max, StringBuilder out, boolean flat) {
        int written = 0;
        boolean lastWasSpace = false;
        int i = start;
        while (i < text.length() && written < max) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (cp == '\n' || (cp == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n')) {
                if (!flat) {
                    return i;
                }
            }
            if (flat && (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x2028 || cp == 0x2029)) {
                if (!lastWasSpace) {
                    out.append(' ');
                    written++;
                }
                lastWasSpace = true;
            } else if (!flat && cp == '\t') {
                out.append('\t');
                written++;
                lastWasSpace = false;
            } else if (hostile(cp)) {
                String escaped = escape(cp);
                out.append(escaped);
                written += escaped.length();
                lastWasSpace = false;
            } else {
                out.appendCodePoint(cp);
                written += width;
                lastWasSpace = false;
            }
            i += width;
        }
        return i;
    }
}
