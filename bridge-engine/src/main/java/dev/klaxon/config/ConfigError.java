package dev.klaxon.config;

import java.util.Objects;

/**
 * One problem found in a config file.
 *
 * @param path    where in the document, such as {@code routes[2].match}; empty for problems of the whole file
 * @param message what is wrong, safe to show (never contains a secret value)
 * @param line    1-based line in the file; 0 when the problem has no line (a missing file, say)
 */
public record ConfigError(String path, String message, int line) {

    public ConfigError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must be 0 or positive, got " + line);
        }
        path = oneLine(path);
        message = oneLine(message);
    }

    /**
     * Escapes what would break the one line an error is shown on, or hide part of it: control characters, line and
     * paragraph separators, and bidi and zero-width formatting (a value from the file is often quoted back). Found by
     * {@code ConfigLoaderPropertiesTest}: a U+2028 in a server URL came back raw.
     */
    private static String oneLine(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hostile = Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    || Character.getType(c) == Character.FORMAT;
            if (hostile && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (hostile) {
                    out.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** The form users see: {@code routes[2].match: empty token in "alerts..db" (line 14)}. */
    public String render() {
        StringBuilder text = new StringBuilder();
        if (!path.isEmpty()) {
            text.append(path).append(": ");
        }
        text.append(message);
        if (line > 0) {
            text.append(" (line ").append(line).append(')');
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
