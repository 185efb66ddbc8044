package dev.klaxon.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as the double saw it and what it answered, for assertions.
 *
 * @param sequence     position in the order the double handled requests (1, 2, …)
 * @param arrivedAt    when the request arrived, by the double's clock
 * @param headers      request headers, looked up case-insensitively
 * @param body         the raw body as UTF-8 text
 * @param json         the parsed body; null if it was not JSON
 * @param status       the status answered, or {@link #NO_RESPONSE} for an injected reset
 * @param responseBody what the double answered; empty for a reset
 */
public record ReceivedRequest(long sequence, Instant arrivedAt, String method, String path,
                              Map<String, List<String>> headers, String body, JsonNode json, int status,
                              String responseBody) {
    public static final int NO_RESPONSE = 0;

    public ReceivedRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public boolean accepted() {
        return status == 202;
    }

    public boolean isChangeEvent() {
        return path.endsWith("/change/enqueue");
    }

    /** A top-level text field of the JSON body, or null. */
    public String field(String name) {
        JsonNode value = json == null ? null : json.get(name);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
