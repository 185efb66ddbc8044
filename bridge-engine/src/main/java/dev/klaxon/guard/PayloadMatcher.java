package dev.klaxon.guard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.message.AlertMessage;
import java.util.Objects;

/**
 * One condition on a message's fields: {@code severity=warning} (equal) or {@code source=~db-.*} (the whole value
 * matches the regular expression, RE2 syntax, matched in linear time: see {@link LinearRegex}). Fields: severity,
 * source, component, group, class, summary, dedup_key, and {@code custom_details.a.b}. A missing field matches
 * nothing.
 */
public record PayloadMatcher(String field, boolean regex, String value) {
    private static final String CUSTOM_DETAILS = "custom_details.";

    public PayloadMatcher {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses {@code field=value} or {@code field=~regex}, checking that the regex can run.
     *
     * @throws IllegalArgumentException naming the field and what is wrong, for a config or command line error
     */
    public static PayloadMatcher parse(String text) {
        PayloadMatcher matcher = stored(text);
        if (matcher.regex) {
            try {
                LinearRegex.compile(matcher.value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(matcher.field + ": " + e.getMessage());
            }
        }
        return matcher;
    }

    /**
     * Parses a matcher as {@link #parse} wrote it, without compiling its regex: stored silences are read every few
     * seconds, most of them long ended, and compiling their patterns each time is what made idle engines busy. Only
     * the silences in force are compiled, once, by {@link SilenceBook}.
     */
    public static PayloadMatcher stored(String text) {
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
        return new PayloadMatcher(field, regex, value);
    }

    /** @param regexes where the compiled form of a regex is found (compiled there once) */
    boolean matches(AlertMessage message, RegexCache regexes) {
        String actual = valueOf(message);
        if (actual == null) {
            return false;
        }
        return regex ? regexes.matchesWhole(value, actual) : value.equals(actual);
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
