package dev.klaxon.config;

import java.util.List;
import java.util.Objects;

/**
 * One change to one key of a config file: set it to a string or a list of strings, or remove it.
 *
 * @param path   where, as errors name it: {@code nats.servers}, {@code pagerduty.from_email},
 *               {@code routes[2].routing_key_env}
 * @param value  a {@code String} or a {@code List<String>}; null to remove the key
 */
public record ConfigTextEdit(String path, Object value) {
    public ConfigTextEdit {
        Objects.requireNonNull(path, "path");
        if (value instanceof List<?> list) {
            value = List.copyOf(list.stream().map(String.class::cast).toList());
        } else if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("a value is a String or a List<String>");
        }
    }

    public static ConfigTextEdit set(String path, String value) {
        return new ConfigTextEdit(path, Objects.requireNonNull(value, "value"));
    }

    public static ConfigTextEdit set(String path, List<String> values) {
        return new ConfigTextEdit(path, Objects.requireNonNull(values, "values"));
    }

    public static ConfigTextEdit remove(String path) {
        return new ConfigTextEdit(path, null);
    }

    /** What this does, for a review list: {@code nats.servers = ["a", "b"]} or {@code remove nats.token_env}. */
    public String describe() {
        return value == null ? "remove " + path : path + " = " + ConfigTextEditor.render(value);
    }
}
