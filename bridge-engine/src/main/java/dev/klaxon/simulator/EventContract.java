package dev.klaxon.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The Events API v2 body contract, checked strictly (FACTS.md sections 1 and 2, the OpenAPI schema): anything the spec
 * does not list is an error, so a body that passes here is one PagerDuty documents as valid. Each violation gives one
 * precise message, in PagerDuty's wording where it is known.
 */
public final class EventContract {
    static final int ROUTING_KEY_LENGTH = 32;
    static final int MAX_SUMMARY = 1024;
    static final int MAX_DEDUP_KEY = 255;

    private static final Set<String> ALERT_FIELDS = Set.of("routing_key", "event_action", "dedup_key", "payload",
            "images", "links", "client", "client_url");
    private static final Set<String> PAYLOAD_FIELDS = Set.of("summary", "source", "severity", "timestamp",
            "component", "group", "class", "custom_details");
    private static final Set<String> CHANGE_FIELDS = Set.of("routing_key", "payload", "links", "images");
    private static final Set<String> CHANGE_PAYLOAD_FIELDS = Set.of("summary", "source", "timestamp",
            "custom_details");
    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    private EventContract() {
    }

    public static List<String> alertErrors(ObjectNode event) {
        List<String> errors = new ArrayList<>();
        unknownFields(event, ALERT_FIELDS, "", errors);
        routingKey(event, errors);
        String action = requiredText(event, "event_action", "", errors);
        if (action != null && !ACTIONS.contains(action)) {
            errors.add("'event_action' must be one of trigger, acknowledge, resolve");
        }
        String dedupKey = optionalText(event, "dedup_key", "", errors);
        if (dedupKey != null && dedupKey.length() > MAX_DEDUP_KEY) {
            errors.add("Length of 'dedup_key' is too long (maximum is " + MAX_DEDUP_KEY + " characters)");
        }
        if (("acknowledge".equals(action) || "resolve".equals(action)) && (dedupKey == null || dedupKey.isEmpty())) {
            errors.add("'dedup_key' is required for event_action '" + action + "'");
        }
        if ("trigger".equals(action)) {
            JsonNode payload = event.get("payload");
            if (payload == null || payload.isNull()) {
                errors.add("'payload' is missing");
            } else if (!payload.isObject()) {
                errors.add("'payload' must be an object");
            } else {
                alertPayload((ObjectNode) payload, errors);
            }
        } else if (event.has("payload") && !event.get("payload").isObject()) {
            // PagerDuty ignores the payload of acknowledge/resolve, but it still has to be an object.
            errors.add("'payload' must be an object");
        }
        optionalText(event, "client", "", errors);
        String clientUrl = optionalText(event, "client_url", "", errors);
        if (clientUrl != null && !isUrl(clientUrl, false)) {
            errors.add("'client_url' must be a URL");
        }
        links(event, errors);
        images(event, errors);
        return errors;
    }

    static List<String> changeErrors(ObjectNode event) {
        List<String> errors = new ArrayList<>();
        unknownFields(event, CHANGE_FIELDS, "", errors);
        routingKey(event, errors);
        JsonNode payload = event.get("payload");
        if (payload == null || payload.isNull()) {
            errors.add("'payload' is missing");
        } else if (!payload.isObject()) {
            errors.add("'payload' must be an object");
        } else {
            unknownFields(payload, CHANGE_PAYLOAD_FIELDS, "payload.", errors);
            summary(payload, errors);
            optionalText(payload, "source", "payload.", errors);
            timestamp(payload, errors);
            customDetails(payload, errors);
        }
        links(event, errors);
        images(event, errors);
        return errors;
    }

    private static void alertPayload(ObjectNode payload, List<String> errors) {
        unknownFields(payload, PAYLOAD_FIELDS, "payload.", errors);
        summary(payload, errors);
        requiredText(payload, "source", "payload.", errors);
        String severity = requiredText(payload, "severity", "payload.", errors);
        if (severity != null && !SEVERITIES.contains(severity)) {
            errors.add("'payload.severity' must be one of critical, error, warning, info");
        }
        timestamp(payload, errors);
        for (String field : List.of("component", "group", "class")) {
            optionalText(payload, field, "payload.", errors);
        }
        customDetails(payload, errors);
    }

    private static void routingKey(JsonNode event, List<String> errors) {
        String key = requiredText(event, "routing_key", "", errors);
        if (key != null && key.length() != ROUTING_KEY_LENGTH) {
            // PagerDuty's own wording (FACTS.md, [LEGACY-V2]).
            errors.add("Length of 'routing_key' is incorrect (should be " + ROUTING_KEY_LENGTH + " characters)");
        }
    }

    private static void summary(JsonNode payload, List<String> errors) {
        String summary = requiredText(payload, "summary", "payload.", errors);
        if (summary != null && summary.length() > MAX_SUMMARY) {
            errors.add("Length of 'payload.summary' is too long (maximum is " + MAX_SUMMARY + " characters)");
        }
    }

    private static void timestamp(JsonNode payload, List<String> errors) {
        String timestamp = optionalText(payload, "timestamp", "payload.", errors);
        if (timestamp == null) {
            return;
        }
        try {
            OffsetDateTime.parse(timestamp);
        } catch (DateTimeParseException e) {
            errors.add("'payload.timestamp' is not an ISO-8601 date-time");
        }
    }

    private static void customDetails(JsonNode payload, List<String> errors) {
        JsonNode details = payload.get("custom_details");
        if (details != null && !details.isObject()) {
            errors.add("'payload.custom_details' must be an object");
        }
    }

    private static void links(JsonNode event, List<String> errors) {
        JsonNode links = event.get("links");
        if (links == null) {
            return;
        }
        if (!links.isArray()) {
            errors.add("'links' must be an array");
            return;
        }
        for (int i = 0; i < links.size(); i++) {
            String where = "links[" + i + "]";
            JsonNode link = links.get(i);
            if (!link.isObject()) {
                errors.add("'" + where + "' must be an object");
                continue;
            }
            unknownFields(link, Set.of("href", "text"), where + ".", errors);
            // Only presence is documented; PagerDuty does not check the href's form, so neither does the double.
            requiredText(link, "href", where + ".", errors);
            optionalText(link, "text", where + ".", errors);
        }
    }

    private static void images(JsonNode event, List<String> errors) {
        JsonNode images = event.get("images");
        if (images == null) {
            return;
        }
        if (!images.isArray()) {
            errors.add("'images' must be an array");
            return;
        }
        for (int i = 0; i < images.size(); i++) {
            String where = "images[" + i + "]";
            JsonNode image = images.get(i);
            if (!image.isObject()) {
                errors.add("'" + where + "' must be an object");
                continue;
            }
            unknownFields(image, Set.of("src", "href", "alt"), where + ".", errors);
            String src = requiredText(image, "src", where + ".", errors);
            if (src != null && !isUrl(src, true)) {
                errors.add("'" + where + ".src' must be an https URL");
            }
            optionalText(image, "href", where + ".", errors);
            optionalText(image, "alt", where + ".", errors);
        }
    }

    private static void unknownFields(JsonNode object, Set<String> allowed, String prefix, List<String> errors) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                errors.add("Unknown field '" + prefix + name + "'");
            }
        }
    }

    /** A required non-blank string; null (with an error recorded) otherwise. */
    private static String requiredText(JsonNode object, String field, String prefix, List<String> errors) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            errors.add("'" + prefix + field + "' is missing");
            return null;
        }
        if (!value.isTextual()) {
            errors.add("'" + prefix + field + "' must be a string");
            return null;
        }
        if (value.asText().isBlank()) {
            errors.add("'" + prefix + field + "' is blank");
            return null;
        }
        return value.asText();
    }

    private static String optionalText(JsonNode object, String field, String prefix, List<String> errors) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add("'" + prefix + field + "' must be a string");
            return null;
        }
        return value.asText();
    }

    private static boolean isUrl(String text, boolean httpsOnly) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null) {
                return false;
            }
            return httpsOnly ? scheme.equalsIgnoreCase("https")
                    : scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http");
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
