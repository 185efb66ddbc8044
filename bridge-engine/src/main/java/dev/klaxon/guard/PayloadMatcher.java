package dev.klaxon.guard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.message.AlertMessage;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition on a message's fields: {@code severity=warning} (equal) or {@code source=~db-.*} (the whole value
 * matches the regular expression). Fields: severity, source, component, group, class, summary, dedup_key, and
 * {@code custom_details.a.b}. A missing field matches nothing.
 */
public record PayloadMatcher(String field, boolean regex, String value) {
    private static final String CUSTOM_DETAILS = "custom_details.";

    public PayloadMatcher {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses {@code field=value} or {@code field=~regex}.
     *
     * @throws IllegalArgumentException naming what is wrong, for a config or command line error
     */
    public static PayloadMatcher parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected field=value or field=~regex, got \"" + text + "\"");
        }
        String field = text.substring(0, eq).strip();
        boolean regex = eq + 1 < text.length() && text.charAt(eq + 1) == '~';
        String value = text.substring(eq + (regex ? 2 : 1));
        if (!isKnownField(field)) {
            throw new IllegalArgumentException("unknown field \"" + field + "\"; use severity, source, component, "
                    + "group, class, summary, dedup_key or custom_details.PATH");
        }
        if (regex) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("\"" + value + "\" is not a regular expression: "
                        + e.getDescription());
            }
        }
        return new PayloadMatcher(field, regex, value);
    }

    public boolean matches(AlertMessage message) {
        String actual = valueOf(message);
        if (actual == null) {
            return false;
        }
        // Compiled per call: silences are few and checked only for messages a page rule matched.
        return regex ? Pattern.compile(value).matcher(actual).matches() : value.equals(actual);
    }

    @Override
    public String toString() {
        return field + (regex ? "=~" : "=") + value;
    }

    private String valueOf(AlertMessage message) {
        switch (field) {
            case "severity":
                return message.severity() == null ? null : message.severity().wire();
            case "source":
                return message.source();
            case "component":
                return message.component();
            case "group":
                return message.group();
            case "class":
                return message.clazz();
            case "summary":
                return message.summary();
            case "dedup_key":
                return message.dedupKey();
            default:
                return customDetail(message.customDetails(), field.substring(CUSTOM_DETAILS.length()));
        }
    }

    private static String customDetail(JsonNode details, String path) {
        JsonNode node = details;
        for (String part : path.split("\\.", -1)) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node == null || !node.isValueNode() || node.isNull() ? null : node.asText();
    }

    private static boolean isKnownField(String field) {
        return switch (field) {
            case "severity", "source", "component", "group", "class", "summary", "dedup_key" -> true;
            default -> field.startsWith(CUSTOM_DETAILS) && field.length() > CUSTOM_DETAILS.length();
        };
    }
}
