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
