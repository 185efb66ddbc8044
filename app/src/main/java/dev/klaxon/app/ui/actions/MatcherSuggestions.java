package dev.klaxon.app.ui.actions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.message.Severity;
import dev.klaxon.stats.TailEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The payload matchers a silence made from one message could use: its severity (as the engine names it) and its
 * source. Offered, never applied by themselves: a silence narrower than the operator meant would let pages through.
 * Bounded, so it may run on the FX thread.
 */
public final class MatcherSuggestions {
    /** Longer values are not suggested: they would not fit a toggle and are rarely what one silences on. */
    private static final int MAX_VALUE_CHARS = 120;
    private static final int MAX_BODY_CHARS = 64 * 1024;

    private final ObjectMapper mapper = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build());

    /** E.g. {@code ["severity=warning", "source=db-3"]}; empty for a body that is not a JSON object. */
    public List<String> of(TailEntry entry) {
        List<String> found = new ArrayList<>();
        JsonNode body = object(entry);
        if (body == null) {
            return found;
        }
        severity(body).ifPresent(s -> found.add("severity=" + s.wire()));
        JsonNode source = body.get("source");
        if (source != null && source.isValueNode() && !source.isNull() && usable(source.asText())) {
            found.add("source=" + source.asText());
        }
        return found;
    }

    /** The message's own severity as the engine reads it (aliases mapped), if it names one. */
    public Optional<Severity> severity(TailEntry entry) {
        JsonNode body = object(entry);
        return body == null ? Optional.empty() : severity(body);
    }

    private static Optional<Severity> severity(JsonNode body) {
        JsonNode severity = body.get("severity");
        return severity != null && severity.isTextual() ? Severity.parse(severity.asText()) : Optional.empty();
    }

    /** The body as a JSON object, or null (plain text, broken or cut JSON, too large to parse here). */
    private JsonNode object(TailEntry entry) {
        if (entry == null || entry.truncated() || entry.body() == null || entry.body().length() > MAX_BODY_CHARS) {
            return null;
        }
        try {
            JsonNode body = mapper.readTree(entry.body());
            return body != null && body.isObject() ? body : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean usable(String value) {
        return !value.isEmpty() && value.length() <= MAX_VALUE_CHARS
                && value.chars().noneMatch(c -> Character.isISOControl(c));
    }
}
