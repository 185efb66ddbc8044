package dev.klaxon.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A decoded, validated alert message (see DESIGN.md "Message on NATS"). Optional fields are null when absent.
 *
 * @param fields       the JSON object as received (an empty object for a plain-text body), except that the one-line
 *                     fields hold their cleaned text, as the accessors do; templates read from it
 * @param severity     null when the message carried none (the route's default then applies)
 * @param customDetails null or a JSON object
 * @param links        null or a JSON array of {href, text}
 * @param images       null or a JSON array of {src, href, alt}
 * @param plainText    true when the body was not JSON and became the summary
 * @param notes        adjustments made while decoding (e.g. an unknown severity ignored), shown with the decision
 */
public record AlertMessage(
        String subject,
        String summary,
        Severity severity,
        String source,
        String component,
        String group,
        String clazz,
        JsonNode customDetails,
        String dedupKey,
        EventAction eventAction,
        String timestamp,
        JsonNode links,
        JsonNode images,
        ObjectNode fields,
        Map<String, List<String>> headers,
        int bodyBytes,
        boolean plainText,
        List<String> notes) {

    public AlertMessage {
        headers = headers == null ? Map.of() : headers;
        notes = notes == null ? List.of() : List.copyOf(notes);
        eventAction = eventAction == null ? EventAction.TRIGGER : eventAction;
    }
}
