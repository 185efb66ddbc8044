package dev.klaxon.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.message.AlertMessage;
import dev.klaxon.message.EventAction;
import dev.klaxon.message.Severity;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link AlertMessage}s for tests the way the decoder would: the record's fields come from the JSON payload,
 * and {@code fields} holds the payload as received.
 */
final class MessageFixture {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private MessageFixture() {
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A message on {@code subject} decoded from the JSON object {@code payload}. */
    static AlertMessage message(String subject, String payload) {
        ObjectNode fields = (ObjectNode) json(payload);
        return new AlertMessage(
                subject,
                text(fields, "summary"),
                Severity.parse(text(fields, "severity")).orElse(null),
                text(fields, "source"),
                text(fields, "component"),
                text(fields, "group"),
                text(fields, "class"),
                fields.get("custom_details"),
                text(fields, "dedup_key"),
                EventAction.parse(text(fields, "event_action")).orElse(null),
                text(fields, "timestamp"),
                fields.get("links"),
                fields.get("images"),
                fields,
                Map.of(),
                payload.length(),
                false,
                List.of());
    }

    /** A message with empty {@code fields}: only the record's own fields are set, as for code-built messages. */
    static AlertMessage recordOnly(String subject, String source, String component) {
        return new AlertMessage(subject, "s", Severity.INFO, source, component, null, null, null, null, null, null,
                null, null, MAPPER.createObjectNode(), Map.of(), 0, false, List.of());
    }

    private static String text(ObjectNode fields, String name) {
        JsonNode node = fields.get(name);
        return node == null || node.isNull() ? null : node.asText();
    }
}
