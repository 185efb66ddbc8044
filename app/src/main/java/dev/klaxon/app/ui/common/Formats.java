package dev.klaxon.app.ui.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number, time and text formats shared by the console's views, kept in one place so columns agree. */
public final class Formats {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx",
            Locale.ROOT).withZone(ZoneId.systemDefault());

    private Formats() {
    }

    /** "now", "3 s ago", "4 min ago", "2 h ago", "5 d ago"; a dash when never seen. */
    public static String ago(Instant then, Instant now) {
        if (then == null || now == null) {
            return "—";
        }
        long seconds = Duration.between(then, now).toSeconds();
        if (seconds < 1) {
            return "now";
        }
        if (seconds < 60) {
            return seconds + " s ago";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h ago";
        }
        return seconds / 86_400 + " d ago";
    }

    /** Messages per second: one decimal below 10 so a trickle is visible, whole numbers above. */
    public static String rate(double perSecond) {
        if (perSecond <= 0) {
            return "0";
        }
        if (perSecond < 0.05) {
            return "<0.1";
        }
        if (perSecond < 10) {
            return String.format(Locale.ROOT, "%.1f", perSecond);
        }
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String clock(Instant instant) {
        return instant == null ? "—" : CLOCK.format(instant);
    }

    /** "14:03:07": to the second, for times a person compares with the wall clock. */
    public static String seconds(Instant instant) {
        return instant == null ? "—" : SECONDS.format(instant);
    }

    public static String timestamp(Instant instant) {
        return instant == null ? "—" : FULL.format(instant);
    }

    /**
     * One line of at most {@code max} characters: line breaks, tabs and other whitespace become spaces (so a hostile
     * payload cannot stretch a table row), characters that would act rather than show (control characters, bidi
     * overrides such as U+202E, zero-width characters) are written out as a backslash escape, e.g. "\\u202E" (see
     * {@link SafeText}), and a cut line ends with an ellipsis.
     */
    public static String oneLine(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 1);
        boolean lastWasSpace = false;
        for (int i = 0; i < text.length() && out.length() <= max; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (!lastWasSpace && out.length() > 0) {
                    out.append(' ');
                }
                lastWasSpace = true;
            } else {
                if (SafeText.hostile(cp)) {
                    out.append(SafeText.escape(cp));
                } else {
                    out.appendCodePoint(cp);
                }
                lastWasSpace = false;
            }
        }
        if (out.length() > max) {
            out.setLength(max - 1);
            if (Character.isHighSurrogate(out.charAt(out.length() - 1))) {
                out.setLength(out.length() - 1); // never leave half a character behind
            }
            out.append('…');
        }
        return out.toString().strip();
    }
}
