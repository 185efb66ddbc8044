package dev.klaxon.nats;

import java.util.regex.Pattern;

/**
 * Turns what the NATS client or server says into a short, single-line text that is safe to show an operator.
 * Server URLs may carry credentials ({@code nats://user:secret@host}); those are masked wherever they appear.
 */
final class SafeText {

    private static final int MAX_LENGTH = 200;
    private static final Pattern URL_USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]*@");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private SafeText() {
    }

    static String of(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String masked = URL_USER_INFO.matcher(text).replaceAll("$1***@");
        String oneLine = WHITESPACE.matcher(masked).replaceAll(" ").strip();
        return oneLine.length() <= MAX_LENGTH ? oneLine : oneLine.substring(0, MAX_LENGTH - 1) + "…";
    }

    static String of(Throwable error) {
        String message = of(error.getMessage());
        return message.isEmpty() ? error.getClass().getSimpleName() : message;
    }

    /** A server URL without any user info, or null for null. */
    static String url(String url) {
        return url == null ? null : of(url);
    }
}
