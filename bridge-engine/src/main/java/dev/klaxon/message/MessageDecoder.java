package dev.klaxon.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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
 *
 * <p>Rejected: bodies over 512 KB, bytes that are not strictly UTF-8 (overlong forms, encoded surrogates, code
 * points above U+10FFFF: named by offset and bytes), duplicate field names at any depth, numbers a double cannot
 * hold (1e999999), NUL or unpaired surrogates in any string or field name, control characters in dedup_key.
 * Cleaned, with a note: line breaks and control characters in the one-line fields ({@link OneLine}).
 */
public final class MessageDecoder {

    /** PagerDuty refuses events over 512 KB; a body that large cannot become an event. */
    public static final int MAX_BODY_BYTES = 512 * 1024;
    public static final int MAX_NESTING_DEPTH = 64;
    /** Fields PagerDuty shows as a title or a label: a line break or control character there is replaced. */
    private static final List<String> ONE_LINE_FIELDS = List.of("summary", "source", "component", "group", "class");

    private final JsonFactory factory;
    private final ObjectMapper mapper;
    /** The decoder is shared between threads; each keeps its own quick checker, which is reused, not thread-safe. */
    private final ThreadLocal<JsonQuickCheck> quickChecks = ThreadLocal.withInitial(JsonQuickCheck::new);

    public MessageDecoder() {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_BODY_BYTES)
                        .maxNumberLength(64)
                        .build())
                // Last-one-wins would let a second "summary" hide behind the first in a viewer that shows the first.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
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
     * {@link #decode} without building a tree ({@link JsonQuickCheck} for a plain object, a byte pass for UTF-8 unless
     * that object was all ASCII, and one streaming pass for anything the quick check is not sure of): the fast path
     * for messages whose fields nobody reads (log and drop rules).
     */
    public String problemWith(byte[] body) {
        return problemWith(body, true);
    }

    /**
     * The same rules with or without the quick check in front of the JSON parse; without it only to show, in tests,
     * that the quick check never accepts what the parse rejects.
     */
    String problemWith(byte[] body, boolean quickCheck) {
        if (body.length > MAX_BODY_BYTES) {
            return "body is " + body.length + " bytes; the limit is " + MAX_BODY_BYTES + " (PagerDuty's 512 KB)";
        }
        int first = firstNonBlank(body);
        if (first < 0) {
            return "empty body";
        }
        boolean certain = false;
        if (quickCheck && body[first] == '{') {
            JsonQuickCheck quick = quickChecks.get();
            certain = quick.certainlyValid(body, first);
            if (certain && quick.acceptedAsciiOnly()) {
                return null; // all ASCII, so UTF-8 as well: the common alert needs no second pass
            }
        }
        StrictUtf8.Violation notUtf8 = StrictUtf8.firstViolation(body);
        if (notUtf8 != null) {
            return notUtf8.reason(body);
        }
        return switch (body[first]) {
            case '{' -> certain ? null : problemWithJson(body);
            case '[' -> "body is a JSON array; expected a JSON object or plain text";
            default -> problemWithText(body);
        };
    }

    private static String problemWithText(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                return "body contains a NUL byte at byte " + i;
            }
        }
        return null;
    }

    private String problemWithJson(byte[] body) {
        boolean checkStrings = UnicodeProblems.mayHaveEscapes(body);
        try (JsonParser parser = factory.createParser(body)) {
            parser.nextToken();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String problem = problemWithScalar(parser, token, checkStrings);
                if (problem != null) {
                    return problem;
                }
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isStructStart()) {
                    if (isTextField(name)) {
                        return "field " + ShownText.quoted(name) + " must be text, got "
                                + (value == JsonToken.START_OBJECT ? "an object" : "a list");
                    }
                    problem = problemInside(parser, checkStrings);
                } else {
                    problem = problemWithTopLevelValue(parser, name, value, checkStrings);
                }
                if (problem != null) {
                    return problem;
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
            return parseReason(e);
        } catch (IOException e) {
            return "malformed JSON: " + firstLine(e.getMessage());
        }
    }

    /** The rules for a top-level scalar: field name and value content, event_action, dedup_key. */
    private static String problemWithTopLevelValue(JsonParser parser, String name, JsonToken value,
                                                   boolean checkStrings) throws IOException {
        String problem = problemWithScalar(parser, value, checkStrings);
        if (problem != null) {
            return problem;
        }
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if ("event_action".equals(name)) {
            String action = parser.getText();
            if (EventAction.parse(action).isEmpty()) {
                return "event_action " + ShownText.quoted(action) + " is not one of trigger, acknowledge, resolve";
            }
        } else if ("dedup_key".equals(name)) {
            return problemWithDedupKey(parser.getText());
        }
        return null;
    }

    /**
     * A dedup_key names an incident: cleaning it would silently merge or split incidents, so a control character
     * or line break in it is a reject the publisher sees, not a repair.
     */
    private static String problemWithDedupKey(String key) {
        int at = OneLine.firstBreak(key);
        if (at < 0) {
            return null;
        }
        return String.format("field \"dedup_key\" contains a control character or line break "
                + "(U+%04X at position %d)", (int) key.charAt(at), at);
    }

    /** Walks the object or list the parser has just entered, to its end, checking every name and value. */
    private static String problemInside(JsonParser parser, boolean checkStrings) throws IOException {
        int depth = 1;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return null; // the caller reports the document as cut short
            }
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            } else {
                String problem = problemWithScalar(parser, token, checkStrings);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    /** A field name or scalar value: no NUL or unpaired surrogate in text, no number a double cannot hold. */
    private static String problemWithScalar(JsonParser parser, JsonToken token, boolean checkStrings)
            throws IOException {
        if (checkStrings && (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING)) {
            String problem = UnicodeProblems.in(parser.getTextCharacters(), parser.getTextOffset(),
                    parser.getTextLength());
            if (problem != null) {
                String path = ShownText.quoted(JsonFieldPath.of(parser.getParsingContext()));
                return (token == JsonToken.FIELD_NAME ? "field name " : "field ") + path + " contains " + problem;
            }
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT && Double.isInfinite(parser.getDoubleValue())) {
            // Receivers read JSON numbers as doubles: 1e999999 arrives as Infinity, which JSON cannot even write.
            return "field " + ShownText.quoted(JsonFieldPath.of(parser.getParsingContext()))
                    + " is a number out of range: " + ShownText.shown(parser.getText());
        }
        return null;
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
        for (String name : ONE_LINE_FIELDS) {
            makeOneLine(fields, name, notes);
        }

        String eventActionText = text(fields, "event_action");
        EventAction action = eventActionText == null ? EventAction.TRIGGER
                : EventAction.parse(eventActionText).orElse(EventAction.TRIGGER);
        Severity severity = null;
        String severityText = text(fields, "severity");
        if (severityText != null) {
            severity = Severity.parse(severityText).orElse(null);
            if (severity == null) {
                notes.add("unknown severity " + ShownText.quoted(severityText)
                        + " ignored; the route's default applies");
            }
        }
        String timestamp = text(fields, "timestamp");
        if (timestamp != null && !isIsoTimestamp(timestamp)) {
            notes.add("timestamp " + ShownText.quoted(timestamp) + " is not ISO-8601; left out");
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
        String text = new String(body, StandardCharsets.UTF_8).strip();
        String summary = OneLine.of(text);
        List<String> notes = summary.equals(text) ? List.of() : List.of(oneLineNote("summary"));
        return new DecodeResult.Decoded(new AlertMessage(
                inbound.subject(), summary, null, null, null, null, null, null, null, EventAction.TRIGGER,
                null, null, null, mapper.createObjectNode(), inbound.headers(), body.length, true, notes));
    }

    /**
     * Cleans one of {@link #ONE_LINE_FIELDS} in place, so that templates and payload matchers, which read
     * {@code fields}, see the text that is sent.
     */
    private static void makeOneLine(ObjectNode fields, String name, List<String> notes) {
        JsonNode value = fields.get(name);
        if (value == null || !value.isTextual()) {
            return;
        }
        String cleaned = OneLine.of(value.textValue());
        if (!cleaned.equals(value.textValue())) {
            fields.put(name, cleaned);
            notes.add(oneLineNote(name));
        }
    }

    private static String oneLineNote(String name) {
        return name + ": line breaks or control characters replaced by a space";
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

    private static String parseReason(JsonParseException e) {
        String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (what.startsWith("Duplicate field ") && e.getProcessor() != null) {
            // Thrown as the repeated name is read: the parser's context already holds it.
            return "duplicate field " + ShownText.quoted(JsonFieldPath.of(e.getProcessor().getParsingContext()))
                    + where(e.getLocation());
        }
        return "malformed JSON" + where(e.getLocation()) + ": " + firstLine(what);
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
        return ShownText.shown(newline < 0 ? text : text.substring(0, newline));
    }

    private static DecodeResult reject(String reason) {
        return new DecodeResult.Rejected(reason);
    }

    /** Exposed for components that must parse or print JSON with the same limits (e.g. {@code rules test}). */
    public ObjectMapper mapper() {
        return mapper;
    }

}
