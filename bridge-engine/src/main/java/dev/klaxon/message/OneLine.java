package dev.klaxon.message;

/**
 * The one-line fields (summary, source, component, group, class) as PagerDuty shows them: a title and labels.
 * A CR/LF there would let a publisher forge what looks like a second line (or a header, in tools that copy the
 * summary into mail), and an escape sequence would act on an operator's terminal. Each run of control characters
 * (Unicode Cc, which includes CR, LF, tab, ESC, DEL and the C1 range such as NEL) and of line or paragraph
 * separators (U+2028, U+2029) becomes one space; runs at either end are dropped.
 *
 * <p>custom_details is not cleaned: multi-line text (a stack trace) belongs there and PagerDuty shows it as JSON.
 */
public final class OneLine {

    private OneLine() {
    }

    /** {@code text} made one line; the same instance when it already was. */
    public static String of(String text) {
        int first = firstBreak(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, first);
        boolean pendingSpace = false;
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isBreak(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Index of the first character that breaks a line or controls a terminal, or -1. */
    public static int firstBreak(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (isBreak(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Cc, U+2028 and U+2029: all in the BMP, so a char test is exact. */
    static boolean isBreak(char c) {
        if (c >= ' ' && c < 0x7F) {
            return false;
        }
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
