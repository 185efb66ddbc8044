package dev.klaxon.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.klaxon.message.AlertMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A dedup_key template such as {@code "{subject}/{source}"}, compiled once into parts.
 *
 * <p>Placeholders: {@code {subject}}, {@code {token[N]}} (0-based token of the subject), {@code {name}} (a top-level
 * payload field, e.g. {@code {source}}, {@code {class}}), and dotted paths into the payload such as
 * {@code {custom_details.disk.mount}} (a segment of digits indexes an array). {@code {{} and {@code }}} are literal
 * braces.
 *
 * <p>Expansion is a single pass over the compiled parts: a value taken from the message is appended as-is and never
 * read as template syntax, so a publisher cannot steer the key by sending {@code "source": "{subject}"}.
 */
public final class DedupKeyTemplate {

    /**
     * A template's value for one message.
     *
     * @param missing one note per placeholder that had no value (it expanded to nothing)
     */
    public record Expansion(String value, List<String> missing) {
        public Expansion {
            missing = missing == null ? List.of() : List.copyOf(missing);
        }
    }

    private final String text;
    private final Part[] parts;

    private DedupKeyTemplate(String text, Part[] parts) {
        this.text = text;
        this.parts = parts;
    }

    /** @throws IllegalArgumentException naming the bad placeholder and its 0-based position in the template */
    public static DedupKeyTemplate compile(String template) {
        return new DedupKeyTemplate(template, TemplateParser.parse(template));
    }

    /** The expanded key; placeholders without a value expand to nothing. */
    public String expand(AlertMessage message) {
        return expansion(message).value();
    }

    /** The expanded key plus a note for each placeholder that had no value. */
    public Expansion expansion(AlertMessage message) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        List<String> missing = null;
        for (Part part : parts) {
            String note = part.appendTo(out, message);
            if (note != null) {
                if (missing == null) {
                    missing = new ArrayList<>(2);
                }
                missing.add(note);
            }
        }
        return new Expansion(out.toString(), missing);
    }

    /** The template as written in the config. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DedupKeyTemplate t && t.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    /** One compiled piece of a template. */
    sealed interface Part permits Literal, WholeSubject, SubjectToken, PayloadPath {
        /** Appends this part's value for {@code message}; returns a note when there is none, else null. */
        String appendTo(StringBuilder out, AlertMessage message);
    }

    record Literal(String text) implements Part {
        @Override
        public String appendTo(StringBuilder out, AlertMessage message) {
            out.append(text);
            return null;
        }
    }

    record WholeSubject() implements Part {
        @Override
        public String appendTo(StringBuilder out, AlertMessage message) {
            String subject = message.subject();
            if (subject == null || subject.isEmpty()) {
                return "{subject}: the message has no subject";
            }
            out.append(subject);
            return null;
        }
    }

    /** {@code {token[index]}}: found by walking the subject's dots, without splitting it. */
    record SubjectToken(int index) implements Part {
        @Override
        public String appendTo(StringBuilder out, AlertMessage message) {
            String subject = message.subject() == null ? "" : message.subject();
            int start = 0;
            for (int i = 0; i < index; i++) {
                int dot = subject.indexOf('.', start);
                if (dot < 0) {
                    return "{token[" + index + "]}: subject " + SubjectChars.quote(subject) + " has only "
                            + Subjects.tokenCount(subject) + " token" + (Subjects.tokenCount(subject) == 1 ? "" : "s");
                }
                start = dot + 1;
            }
            int end = subject.indexOf('.', start);
            if (end < 0) {
                end = subject.length();
            }
            if (end == start) {
                return "{token[" + index + "]}: empty in subject " + SubjectChars.quote(subject);
            }
            out.append(subject, start, end);
            return null;
        }
    }

    /** {@code {name}} or {@code {name.path...}}: read from the payload as received. */
    record PayloadPath(String placeholder, String[] path) implements Part {
        @Override
        public String appendTo(StringBuilder out, AlertMessage message) {
            JsonNode node = message.fields() == null ? null : message.fields().get(path[0]);
            if (node == null || node.isNull()) {
                node = decodedField(message, path[0]);
            }
            for (int i = 1; i < path.length && node != null; i++) {
                node = child(node, path[i]);
            }
            if (node == null || node.isNull() || node.isMissingNode()) {
                return "{" + placeholder + "}: not in the message";
            }
            String value = node.isValueNode() ? node.asText() : node.toString();
            if (value.isEmpty()) {
                return "{" + placeholder + "}: empty in the message";
            }
            out.append(value);
            return null;
        }

        private static JsonNode child(JsonNode node, String segment) {
            if (node.isObject()) {
                return node.get(segment);
            }
            if (node.isArray() && isIndex(segment)) {
                return node.get(Integer.parseInt(segment));
            }
            return null;
        }

        private static boolean isIndex(String segment) {
            if (segment.length() > 9) {
                return false;
            }
            for (int i = 0; i < segment.length(); i++) {
                if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }

        /**
         * The decoder's own value for a well-known field, for messages whose {@code fields} lack it (for example a
         * plain-text body, or a message built in code).
         */
        private static JsonNode decodedField(AlertMessage message, String name) {
            return switch (name) {
                case "summary" -> text(message.summary());
                case "source" -> text(message.source());
                case "component" -> text(message.component());
                case "group" -> text(message.group());
                case "class" -> text(message.clazz());
                case "severity" -> message.severity() == null ? null : TextNode.valueOf(message.severity().wire());
                case "dedup_key" -> text(message.dedupKey());
                case "event_action" -> TextNode.valueOf(message.eventAction().wire());
                case "timestamp" -> text(message.timestamp());
                case "custom_details" -> message.customDetails();
                case "links" -> message.links();
                case "images" -> message.images();
                default -> null;
            };
        }

        private static JsonNode text(String value) {
            return value == null ? null : TextNode.valueOf(value);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PayloadPath p && p.placeholder.equals(placeholder);
        }

        @Override
        public int hashCode() {
            return placeholder.hashCode();
        }

        @Override
        public String toString() {
            return "{" + placeholder + "}";
        }
    }
}
