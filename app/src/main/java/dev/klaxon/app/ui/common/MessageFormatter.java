package dev.klaxon.app.ui.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.klaxon.stats.TailEntry;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/**
 * Renders one tail message as the text of the detail pane: what it is, why it was decided so, and its body.
 * Pure and bounded, so it may run on the FX thread: bodies are cut by the engine, and anything over
 * {@link #MAX_PRETTY_CHARS} is shown as received instead of being parsed.
 */
public final class MessageFormatter {
    /** Larger bodies are shown as-is; pretty-printing them would cost more than it helps a reader. */
    static final int MAX_PRETTY_CHARS = 256 * 1024;
    private static final int MAX_NESTING = 200;
    /** A longer line (a 100 KB one-line summary) is cut with a count: a text control lays out whole lines. */
    static final int MAX_LINE_CHARS = 2_000;
    static final int MAX_BODY_CHARS = 300_000;

    private final JsonFactory json = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();
    private final DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    /** The body pretty-printed when it is JSON, otherwise null. */
    public String prettyJson(String body) {
        if (body == null || body.length() > MAX_PRETTY_CHARS) {
            return null;
        }
        String trimmed = body.strip();
        if (trimmed.isEmpty() || (trimmed.charAt(0) != '{' && trimmed.charAt(0) != '[')) {
            return null;
        }
        StringWriter out = new StringWriter(body.length() * 2);
        // Token by token rather than through a tree: keeps key order and duplicates as sent, and never recurses.
        try (JsonParser parser = json.createParser(trimmed);
             JsonGenerator generator = json.createGenerator(out)) {
            generator.setPrettyPrinter(printer);
            JsonToken token;
            int depth = 0;
            int roots = 0;
            while ((token = parser.nextToken()) != null) {
                if (token.isStructStart()) {
                    if (depth++ == 0 && ++roots > 1) {
                        return null; // several documents glued together: show them as sent
                    }
                } else if (token.isStructEnd()) {
                    depth--;
                }
                generator.copyCurrentEvent(parser);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return out.toString();
    }

    /**
     * The whole detail text for one message: the decision and everything that explains it (the reason, which names
     * the rule or the guard that held it, and each matching route with its dedup_key), headers, then the body. All of
     * it goes through {@link SafeText}: escaped where it would act, cut where it would not end.
     */
    public String describe(TailEntry entry) {
        StringBuilder text = new StringBuilder(512 + (entry.body() == null ? 0 : entry.body().length() * 2));
        text.append("subject   ").append(SafeText.inline(entry.subject(), MAX_LINE_CHARS)).append('\n');
        text.append("received  ").append(Formats.timestamp(entry.receivedAt())).append('\n');
        if (entry.msgId() != null) {
            // Team mode: the id PagerDuty gets in custom_details.klaxon, so an incident leads back to this message.
            text.append("msg id    ").append(SafeText.inline(entry.msgId(), MAX_LINE_CHARS))
                    .append(entry.streamSequence() > 0 ? "  (stream seq " + entry.streamSequence() + ")" : "")
                    .append('\n');
        }
        text.append("decision  ").append(entry.outcome() == null ? "—" : entry.outcome().label()).append('\n');
        text.append("reason    ").append(entry.reason() == null ? "—" : SafeText.inline(entry.reason(),
                MAX_LINE_CHARS)).append('\n');
        appendRoutes(text, entry.routes());
        text.append("size      ").append(Formats.count(entry.bodyBytes())).append(" bytes");
        if (entry.truncated()) {
            text.append("  (body truncated: showing the first ")
                    .append(Formats.count(entry.body() == null ? 0 : entry.body().length()))
                    .append(" characters)");
        }
        text.append("\n\n");
        appendHeaders(text, entry.headers());
        String body = entry.body() == null ? "" : entry.body();
        String pretty = prettyJson(body);
        if (pretty != null) {
            text.append("body (JSON)\n").append(SafeText.block(pretty, MAX_LINE_CHARS, MAX_BODY_CHARS)).append('\n');
        } else {
            text.append(entry.truncated() ? "body (truncated, shown as received)\n" : "body\n");
            text.append(body.isEmpty() ? "(empty)" : SafeText.block(body, MAX_LINE_CHARS, MAX_BODY_CHARS))
                    .append('\n');
        }
        if (entry.truncated()) {
            text.append("… [truncated: ").append(Formats.count(entry.bodyBytes())).append(" bytes received]\n");
        }
        return text.toString();
    }

    /** "route     prod pages: page, dedup_key db-1-disk (trigger, critical)", one line per matching route. */
    private static void appendRoutes(StringBuilder text, List<TailEntry.Route> routes) {
        for (TailEntry.Route route : routes) {
            text.append("route     ").append(SafeText.inline(route.rule(), 200)).append(": ").append(route.action())
                    .append(route.shadow() ? " (shadow)" : "");
            if (route.dedupKey() != null) {
                text.append(", dedup_key ").append(SafeText.inline(route.dedupKey(), 300));
            }
            if (route.eventAction() != null) {
                text.append(" (").append(SafeText.inline(route.eventAction(), 40))
                        .append(route.severity() == null ? "" : ", " + SafeText.inline(route.severity(), 40))
                        .append(')');
            }
            text.append('\n');
            for (String adjustment : route.adjustments()) {
                text.append("            adjusted: ").append(SafeText.inline(adjustment, 300)).append('\n');
            }
        }
    }

    private static void appendHeaders(StringBuilder text, Map<String, List<String>> headers) {
        if (headers == null || headers.isEmpty()) {
            text.append("headers   (none)\n\n");
            return;
        }
        text.append("headers\n");
        headers.forEach((name, values) -> {
            for (String value : values == null ? List.<String>of() : values) {
                text.append("  ").append(SafeText.inline(name, 200)).append(": ")
                        .append(SafeText.inline(value, MAX_LINE_CHARS)).append('\n');
            }
        });
        text.append('\n');
    }
}
