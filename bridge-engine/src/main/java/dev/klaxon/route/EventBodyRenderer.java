package dev.klaxon.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.message.AlertMessage;
import dev.klaxon.message.EventAction;
import dev.klaxon.message.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the exact PagerDuty Events API v2 body for a message and a page rule (FACTS.md section 1). The routing key
 * is shown masked: the real key is substituted only at send time and never stored. Every default used and every
 * limit enforced is recorded as an adjustment, so an operator can see why the event differs from the message.
 *
 * <p>Stateless apart from the shared Jackson objects, so one instance serves all threads.
 */
public final class EventBodyRenderer {
    public static final int MAX_SUMMARY_LENGTH = 1024;
    public static final int MAX_DEDUP_KEY_LENGTH = DedupKeys.MAX_LENGTH;
    /** PagerDuty's 512 KB limit on a whole event, in UTF-8 bytes as serialized. */
    public static final int MAX_BODY_BYTES = 512 * 1024;
    public static final String TRUNCATION_MARKER = "… [truncated by Klaxon]";
    public static final String CLIENT = "Klaxon";
    public static final String UNCONFIGURED_ROUTING_KEY = "******** (not configured)";
    private static final Severity FALLBACK_SEVERITY = Severity.ERROR;
    private static final int MAX_INDEXES_LISTED = 10;
    /** Room kept for the real routing key (32 characters at PagerDuty), which replaces the masked one at send time. */
    private static final int ROUTING_KEY_ALLOWANCE = 64;

    private final JsonNodeFactory nodes;
    // Compact, whatever the shared mapper's settings: the size check must see the bytes that would be sent.
    private final ObjectWriter compact;

    public EventBodyRenderer(ObjectMapper mapper) {
        Objects.requireNonNull(mapper, "mapper");
        this.nodes = mapper.getNodeFactory();
        this.compact = mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
    }

    /** The body {@code rule} would send for {@code message}. */
    public RenderedEvent render(AlertMessage message, RouteRule rule) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(rule, "rule");
        List<String> adjustments = new ArrayList<>();
        ObjectNode body = nodes.objectNode();
        body.put("routing_key", rule.routingKey() == null ? UNCONFIGURED_ROUTING_KEY : rule.routingKey().masked());
        body.put("event_action", message.eventAction().wire());
        String dedupKey = DedupKeys.choose(message, rule, adjustments);
        body.put("dedup_key", dedupKey);
        if (message.eventAction() == EventAction.TRIGGER) {
            body.set("payload", payload(message, rule, adjustments));
            putIfNotEmpty(body, "links", links(message.links(), adjustments));
            putIfNotEmpty(body, "images", images(message.images(), adjustments));
            body.put("client", CLIENT);
            enforceSizeLimit(body, adjustments);
        }
        return new RenderedEvent(body, dedupKey, adjustments);
    }

    /**
     * The change event body {@code rule} would send for {@code message} (FACTS.md section 2): a summary, source,
     * timestamp, custom_details and links. A change event has no action and no dedup_key, so the message's
     * event_action and severity are not sent; that is recorded when it could surprise someone.
     */
    public RenderedEvent renderChange(AlertMessage message, RouteRule rule) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(rule, "rule");
        List<String> adjustments = new ArrayList<>();
        if (message.eventAction() != EventAction.TRIGGER) {
            adjustments.add("event_action " + message.eventAction().wire() + " ignored: a change event has no "
                    + "action; sent as a change event");
        }
        ObjectNode body = nodes.objectNode();
        body.put("routing_key", rule.routingKey() == null ? UNCONFIGURED_ROUTING_KEY : rule.routingKey().masked());
        ObjectNode payload = nodes.objectNode();
        payload.put("summary", PagerDutyLimits.summary(changeSummary(message, adjustments), adjustments));
        payload.put("source", source(message, adjustments));
        putIfPresent(payload, "timestamp", message.timestamp());
        if (message.customDetails() != null && !message.customDetails().isNull()) {
            payload.set("custom_details", message.customDetails().deepCopy());
        }
        body.set("payload", payload);
        putIfNotEmpty(body, "links", links(message.links(), adjustments));
        enforceSizeLimit(body, adjustments);
        return new RenderedEvent(body, null, adjustments);
    }

    private static String changeSummary(AlertMessage message, List<String> adjustments) {
        String summary = message.summary();
        if (summary == null || summary.isBlank()) {
            summary = "change on " + message.subject();
            adjustments.add("summary missing; used \"" + summary + "\"");
        }
        return summary;
    }

    private ObjectNode payload(AlertMessage message, RouteRule rule, List<String> adjustments) {
        Severity severity = severity(message, rule, adjustments);
        ObjectNode payload = nodes.objectNode();
        payload.put("summary", summary(message, severity, adjustments));
        payload.put("source", source(message, adjustments));
        payload.put("severity", severity.wire());
        putIfPresent(payload, "timestamp", message.timestamp());
        putIfPresent(payload, "component", message.component());
        putIfPresent(payload, "group", message.group());
        putIfPresent(payload, "class", message.clazz());
        if (message.customDetails() != null && !message.customDetails().isNull()) {
            // A copy: the body is handed on (outbox, console) and must not share mutable nodes with the message.
            payload.set("custom_details", message.customDetails().deepCopy());
        }
        return payload;
    }

    private static Severity severity(AlertMessage message, RouteRule rule, List<String> adjustments) {
        if (message.severity() != null) {
            return message.severity();
        }
        if (rule.severity() != null) {
            adjustments.add("severity missing; used the route's default \"" + rule.severity().wire() + "\"");
            return rule.severity();
        }
        adjustments.add("severity missing and the route sets no default; used \"" + FALLBACK_SEVERITY.wire() + "\"");
        return FALLBACK_SEVERITY;
    }

    private static String summary(AlertMessage message, Severity severity, List<String> adjustments) {
        String summary = message.summary();
        if (summary == null || summary.isBlank()) {
            summary = severity.wire() + " alert on " + message.subject();
            adjustments.add("summary missing; used \"" + summary + "\"");
        }
        return PagerDutyLimits.summary(summary, adjustments);
    }

    private static String source(AlertMessage message, List<String> adjustments) {
        String source = message.source();
        if (source == null || source.isBlank()) {
            adjustments.add("source missing; used the subject");
            return message.subject();
        }
        return source;
    }

    /** Links PagerDuty accepts, and that are safe to click: objects whose {@code href} is {@link LinkHrefs}-allowed. */
    private ArrayNode links(JsonNode links, List<String> adjustments) {
        if (links == null || links.isNull()) {
            return null;
        }
        if (!links.isArray()) {
            adjustments.add("links is not a list; dropped");
            return null;
        }
        ArrayNode kept = nodes.arrayNode();
        List<Integer> dropped = new ArrayList<>();
        List<Integer> unsafe = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            JsonNode link = links.get(i);
            String href = text(link, "href");
            if (href == null) {
                dropped.add(i);
                continue;
            }
            if (!LinkHrefs.isAllowed(href)) {
                unsafe.add(i);
                continue;
            }
            ObjectNode copy = kept.addObject().put("href", href);
            putIfPresent(copy, "text", text(link, "text"));
        }
        reportDropped("links", dropped, links.size(), "without an href", adjustments);
        reportDropped("links", unsafe, links.size(), "whose href is not " + LinkHrefs.ALLOWED, adjustments);
        return kept;
    }

    /**
     * Images PagerDuty accepts: objects whose {@code src} is an https URL. An href that is not
     * {@link LinkHrefs}-allowed is left out; the picture itself is still shown.
     */
    private ArrayNode images(JsonNode images, List<String> adjustments) {
        if (images == null || images.isNull()) {
            return null;
        }
        if (!images.isArray()) {
            adjustments.add("images is not a list; dropped");
            return null;
        }
        ArrayNode kept = nodes.arrayNode();
        List<Integer> dropped = new ArrayList<>();
        List<Integer> unsafeHref = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            JsonNode image = images.get(i);
            String src = text(image, "src");
            if (src == null || !isHttps(src)) {
                dropped.add(i);
                continue;
            }
            ObjectNode copy = kept.addObject().put("src", src);
            String href = text(image, "href");
            if (href != null && !LinkHrefs.isAllowed(href)) {
                unsafeHref.add(i);
                href = null;
            }
            putIfPresent(copy, "href", href);
            putIfPresent(copy, "alt", text(image, "alt"));
        }
        reportDropped("images", dropped, images.size(), "whose src is not an https URL", adjustments);
        reportLeftOut("images", "href", unsafeHref, images.size(), "whose href is not " + LinkHrefs.ALLOWED,
                adjustments);
        return kept;
    }

    /**
     * Keeps the event under PagerDuty's size limit. custom_details is the only part without a limit of its own, so
     * it goes first; links and images only if that was not enough.
     */
    private void enforceSizeLimit(ObjectNode body, List<String> adjustments) {
        long size = sizeAsSent(body);
        if (size <= MAX_BODY_BYTES) {
            return;
        }
        ObjectNode payload = (ObjectNode) body.get("payload");
        JsonNode details = payload.get("custom_details");
        if (details != null) {
            long removed = serializedSize(details);
            payload.set("custom_details", nodes.objectNode()
                    .put("klaxon_note", "custom_details removed: the event was " + size + " bytes, over PagerDuty's "
                            + "limit of " + MAX_BODY_BYTES + " bytes")
                    .put("removed_bytes", removed));
            adjustments.add("event was " + size + " bytes, over PagerDuty's limit of " + MAX_BODY_BYTES
                    + "; custom_details (" + removed + " bytes) replaced by a note");
            size = sizeAsSent(body);
        }
        for (String field : List.of("links", "images")) {
            if (size > MAX_BODY_BYTES && body.has(field)) {
                body.remove(field);
                adjustments.add("event still " + size + " bytes; " + field + " removed");
                size = sizeAsSent(body);
            }
        }
        if (size > MAX_BODY_BYTES) {
            adjustments.add("event is still " + size + " bytes, over PagerDuty's limit of " + MAX_BODY_BYTES
                    + "; PagerDuty will refuse it");
        }
    }

    /** The body's size once the real routing key replaces the masked one (estimated generously). */
    private long sizeAsSent(ObjectNode body) {
        String masked = body.get("routing_key").asText();
        return serializedSize(body) - masked.length() + ROUTING_KEY_ALLOWANCE;
    }

    private long serializedSize(JsonNode node) {
        ByteCounter counter = new ByteCounter();
        try {
            compact.writeValue(counter, node);
        } catch (IOException e) {
            // Writing a tree of nodes to a counter cannot fail on I/O.
            throw new UncheckedIOException(e);
        }
        return counter.count;
    }

    private static void reportDropped(String field, List<Integer> dropped, int total, String why,
                                      List<String> adjustments) {
        if (!dropped.isEmpty()) {
            adjustments.add(field + ": dropped " + dropped.size() + " of " + total + " " + why + " (index "
                    + indexes(dropped) + ")");
        }
    }

    private static void reportLeftOut(String field, String part, List<Integer> affected, int total, String why,
                                      List<String> adjustments) {
        if (!affected.isEmpty()) {
            adjustments.add(field + ": " + part + " left out of " + affected.size() + " of " + total + " " + why
                    + " (index " + indexes(affected) + ")");
        }
    }

    private static String indexes(List<Integer> listed) {
        List<Integer> shown = listed.subList(0, Math.min(listed.size(), MAX_INDEXES_LISTED));
        return shown.toString().replace("[", "").replace("]", "") + (listed.size() > shown.size() ? ", ..." : "");
    }

    private static boolean isHttps(String url) {
        return url.length() > "https://".length() && url.regionMatches(true, 0, "https://", 0, "https://".length());
    }

    /** A non-blank scalar field of an object, as text; null otherwise. */
    private static String text(JsonNode object, String field) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode value = object.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    private static void putIfPresent(ObjectNode object, String field, String value) {
        if (value != null) {
            object.put(field, value);
        }
    }

    private static void putIfNotEmpty(ObjectNode object, String field, ArrayNode values) {
        if (values != null && !values.isEmpty()) {
            object.set(field, values);
        }
    }

    /** Counts bytes instead of keeping them: only the size matters. */
    private static final class ByteCounter extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}
