package dev.klaxon.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
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

    private final JsonFactory factory;
    private final ObjectMapper mapper;

    public MessageDecoder() {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_BODY_BYTES)
                        .maxNumberLength(64)
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    }

    /**
     * Full decoding: validates, then builds the {@link AlertMessage} with every contract field. Used where the
     * fields matter (page rules, explanations).
     */
    public DecodeResult decode(InboundMessage inbound) {
        byte[] body = bodyOf(inbound);
        String problem = problemWith(body);
        if (problem != null) {
            return reject(problem);
        }
        return body[firstNonBlank(body)] == '{' ? decodeJson(inbound, body) : decodeText(inbound, body);
    }

    /**
     * Why the body would be rejected, or null when it is acceptable. Applies exactly the rejection rules of
     * {@link #decode} in one streaming pass without building a tree: the fast path for messages whose fields
     * nobody reads (log and drop rules).
     */
    public String problemWith(byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            return "body is " + body.length + " bytes; the limit is " + MAX_BODY_BYTES + " (PagerDuty's 512 KB)";
        }
        int first = firstNonBlank(body);
        if (first < 0) {
            return "empty body";
        }
        return switch (body[first]) {
            case '{' -> problemWithJson(body);
            case '[' -> "body is a JSON array; expected a JSON object or plain text";
            default -> isUtf8(body) ? null : "body is not valid UTF-8";
        };
    }

    private String problemWithJson(byte[] body) {
        try (JsonParser parser = factory.createParser(body)) {
            parser.nextToken();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isStructStart()) {
                    if (isTextField(name)) {
                        return "field \"" + name + "\" must be text, got "
                                + (value == JsonToken.START_OBJECT ? "an object" : "a list");
                    }
                    parser.skipChildren();
                } else if ("event_action".equals(name) && value != JsonToken.VALUE_NULL) {
                    String action = parser.getText();
                    if (EventAction.parse(action).isEmpty()) {
                        return "event_action \"" + shorten(action) + "\" is not one of trigger, acknowledge, resolve";
                    }
                }
            }
            if (token != JsonToken.END_OBJECT) {
                return "malformed JSON" + where(parser.currentTokenLocation()) + ": unexpected " + token;
            }
            if (parser.nextToken() != null) {
                return "malformed JSON" + where(parser.currentTokenLocation()) + ": trailing content after the object";
            }
            return null;
        } catch (StreamConstraintsException e) {
            return constraintReason(e);
        } catch (JsonParseException e) {
            return parseReason(e.getOriginalMessage(), e.getLocation());
        } catch (IOException e) {
            return "malformed JSON: " + firstLine(e.getMessage());
        }
    }

    private DecodeResult decodeJson(InboundMessage inbound, byte[] body) {
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (IOException e) {
            // Validation accepted the body, so this is not expected; still a rejection, never an escape.
            return reject("malformed JSON: " + firstLine(e.getMessage()));
        }
        ObjectNode fields = (ObjectNode) tree;
        List<String> notes = new ArrayList<>(0);

        String eventActionText = text(fields, "event_action");
        EventAction action = eventActionText == null ? EventAction.TRIGGER
                : EventAction.parse(eventActionText).orElse(EventAction.TRIGGER);
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
        String text = new String(body, StandardCharsets.UTF_8);
        return new DecodeResult.Decoded(new AlertMessage(
                inbound.subject(), text.strip(), null, null, null, null, null, null, null, EventAction.TRIGGER,
                null, null, null, mapper.createObjectNode(), inbound.headers(), body.length, true, List.of()));
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isTextField(String name) {
        // A switch hashes once; Jackson's canonical field names cache their hash, so this is nearly free.
        return switch (name) {
            case "summary", "source", "component", "group", "class", "dedup_key", "timestamp", "severity",
                 "event_action" -> true;
            default -> false;
        };
    }

    private static byte[] bodyOf(InboundMessage inbound) {
        return inbound.body() == null ? new byte[0] : inbound.body();
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

    private static String where(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String parseReason(String original, JsonLocation location) {
        String where = where(location);
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
