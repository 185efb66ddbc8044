package dev.klaxon.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a NATS body into an {@link AlertMessage} per the message contract, or a rejection with a precise reason.
 * Never throws for bad input: hostile bodies (garbage bytes, huge or deeply nested documents) end as rejections.
 * Thread-safe.
 */
public final class MessageDecoder {

    /** PagerDuty refuses events over 512 KB; a body that large cannot become an event. */
    public static final int MAX_BODY_BYTES = 512 * 1024;
    public static final int MAX_NESTING_DEPTH = 64;

    private static final String[] TEXT_FIELDS = {"summary", "source", "component", "group", "class", "dedup_key",
        "timestamp", "severity", "event_action"};

    private final ObjectMapper mapper;

    public MessageDecoder() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_BODY_BYTES)
                        .maxNumberLength(64)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    }

    public DecodeResult decode(InboundMessage inbound) {
        byte[] body = inbound.body() == null ? new byte[0] : inbound.body();
        if (body.length > MAX_BODY_BYTES) {
            return reject("body is " + body.length + " bytes; the limit is " + MAX_BODY_BYTES
                    + " (PagerDuty's 512 KB)");
        }
        int first = firstNonBlank(body);
        if (first < 0) {
            return reject("empty body");
        }
        return switch (body[first]) {
            case '{' -> decodeJson(inbound, body);
            case '[' -> reject("body is a JSON array; expected a JSON object or plain text");
            default -> decodeText(inbound, body);
        };
    }

    private DecodeResult decodeJson(InboundMessage inbound, byte[] body) {
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (StreamConstraintsException e) {
            return reject(constraintReason(e));
        } catch (JsonParseException e) {
            return reject(parseReason(e.getOriginalMessage(), e.getLocation()));
        } catch (IOException e) {
            return reject("malformed JSON: " + firstLine(e.getMessage()));
        }
        if (!(tree instanceof ObjectNode fields)) {
            return reject("body is not a JSON object");
        }
        for (String name : TEXT_FIELDS) {
            JsonNode value = fields.get(name);
            if (value != null && (value.isContainerNode())) {
                return reject("field \"" + name + "\" must be text, got " + kind(value));
            }
        }
        List<String> notes = new ArrayList<>(0);

        String eventActionText = text(fields, "event_action");
        EventAction action = EventAction.TRIGGER;
        if (eventActionText != null) {
            action = EventAction.parse(eventActionText).orElse(null);
            if (action == null) {
                return reject("event_action \"" + shorten(eventActionText) + "\" is not one of trigger, "
                        + "acknowledge, resolve");
            }
        }
        Severity severity = null;
        String severityText = text(fields, "severity");
        if (severityText != null) {
            severity = Severity.parse(severityText).orElse(null);
            if (severity == null) {
                notes.add("unknown severity \"" + shorten(severityText) + "\" ignored; the route's default applies");
            }
        }
        String timestamp = text(fields, "timestamp");
        if (timestamp != null && !isIsoTimestamp(timestamp)) {
            notes.add("timestamp \"" + shorten(timestamp) + "\" is not ISO-8601; left out");
            timestamp = null;
        }
        JsonNode customDetails = fields.get("custom_details");
        if (customDetails != null && !customDetails.isObject()) {
            if (customDetails.isNull()) {
                customDetails = null;
            } else {
                ObjectNode wrapped = mapper.createObjectNode();
                wrapped.set("details", customDetails);
                notes.add("custom_details was " + kind(customDetails) + "; wrapped as {\"details\": ...}");
                customDetails = wrapped;
            }
        }
        JsonNode links = arrayOfObjects(fields, "links", notes);
        JsonNode images = arrayOfObjects(fields, "images", notes);

        return new DecodeResult.Decoded(new AlertMessage(
                inbound.subject(),
                text(fields, "summary"),
                severity,
                text(fields, "source"),
                text(fields, "component"),
                text(fields, "group"),
                text(fields, "class"),
                customDetails,
                text(fields, "dedup_key"),
                action,
                timestamp,
                links,
                images,
                fields,
                inbound.headers(),
                body.length,
                false,
                notes));
    }

    private DecodeResult decodeText(InboundMessage inbound, byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (MalformedInputException e) {
            return reject("body is not valid UTF-8 (" + e.getInputLength() + " bad byte(s))");
        } catch (CharacterCodingException e) {
            return reject("body is not valid UTF-8");
        }
        return new DecodeResult.Decoded(new AlertMessage(
                inbound.subject(), text.strip(), null, null, null, null, null, null, null, EventAction.TRIGGER,
                null, null, null, mapper.createObjectNode(), inbound.headers(), body.length, true, List.of()));
    }

    private static JsonNode arrayOfObjects(ObjectNode fields, String name, List<String> notes) {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            notes.add(name + " must be a list; left out");
            return null;
        }
        for (JsonNode item : value) {
            if (!item.isObject()) {
                notes.add(name + " entries must be objects; left out");
                return null;
            }
        }
        return value;
    }

    private static String text(ObjectNode fields, String name) {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        return value.asText();
    }

    private static boolean isIsoTimestamp(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String constraintReason(StreamConstraintsException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().toLowerCase(Locale.ROOT);
        if (message.contains("nesting depth")) {
            return "JSON nested deeper than " + MAX_NESTING_DEPTH + " levels";
        }
        return "JSON exceeds a size limit: " + firstLine(e.getOriginalMessage());
    }

    private static String parseReason(String original, JsonLocation location) {
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        String what = firstLine(original);
        if (what.contains("Invalid UTF-8")) {
            return "body is not valid UTF-8" + where;
        }
        return "malformed JSON" + where + ": " + what;
    }

    private static String kind(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static int firstNonBlank(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return shorten(newline < 0 ? text : text.substring(0, newline));
    }

    /** Reasons end up in tables and logs: a hostile value must not make them huge. */
    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static DecodeResult reject(String reason) {
        return new DecodeResult.Rejected(reason);
    }

    /** Exposed for components that must parse or print JSON with the same limits (e.g. {@code rules test}). */
    public ObjectMapper mapper() {
        return mapper;
    }

}
