package dev.klaxon.message;

/**
 * Text from a message as it may appear in a reason or a note. Reasons end up in tables, logs and the audit, so a
 * hostile value must neither make them huge nor carry what a terminal or a table would act on: control characters,
 * line breaks, bidi overrides, zero-width characters and unpaired surrogates are written as {@code \\u202E}, and a
 * long value is cut (never between the two halves of a surrogate pair).
 */
final class ShownText {
    static final int MAX_SHOWN = 80;
    private static final String CUT = "...";

    private ShownText() {
    }

    /** {@code "value"} in double quotes, escaped and cut; a quote or backslash inside is escaped too. */
    static String quoted(String text) {
        return "\"" + escaped(text, true) + "\"";
    }

    /** {@code text} escaped and cut to at most {@link #MAX_SHOWN} characters. */
    static String shown(String text) {
        return escaped(text, false);
    }

    private static String escaped(String text, boolean inQuotes) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_SHOWN) + 8);
        int keepUpTo = MAX_SHOWN - CUT.length();
        int cutAt = -1;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (out.length() <= keepUpTo) {
                cutAt = out.length();
            }
            if (isHidden(codePoint)) {
                out.append(String.format("\\u%04X", codePoint));
            } else if (inQuotes && (codePoint == '"' || codePoint == '\\')) {
                out.append('\\').appendCodePoint(codePoint);
            } else {
                out.appendCodePoint(codePoint);
            }
            if (out.length() > MAX_SHOWN) {
                out.setLength(cutAt);
                return out.append(CUT).toString();
            }
        }
        return out.toString();
    }

    /** Characters that would not show as themselves; an unpaired surrogate comes here as a lone code point. */
    private static boolean isHidden(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }
}
