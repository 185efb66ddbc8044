package dev.klaxon.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Changes a few keys of a config file's text and leaves every other character alone: the user's comments, blank
 * lines, quoting and routes survive. A value is replaced where it is written (a comment after it on the same line
 * stays); a new key goes on its own line after the last key of its mapping, indented like its siblings; a missing
 * section is added at the end. Only block-style mappings are edited: a section written as {@code {...}} is refused
 * with a message, not rewritten. Stateless and thread-safe.
 */
public final class ConfigTextEditor {
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\[(\\d+)])?");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    // Plain words YAML would read as something other than a string.
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n");

    /** An edit that cannot be made to this text; the message names the key and says why. */
    public static final class EditException extends Exception {
        public EditException(String message) {
            super(message);
        }
    }

    /** The text with every edit applied, in order. */
    public String apply(String text, List<ConfigTextEdit> edits) throws EditException {
        String result = text;
        for (ConfigTextEdit edit : edits) {
            result = apply(result, edit);
        }
        return result;
    }

    private String apply(String text, ConfigTextEdit edit) throws EditException {
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        List<Segment> path = parse(edit.path());
        ConfigErrors errors = new ConfigErrors();
        Optional<Node> root = YamlComposer.compose(text, errors);
        if (!errors.isEmpty()) {
            throw new EditException("the file cannot be read as YAML now: " + errors.inFileOrder().get(0).render());
        }
        if (root.isEmpty() || NodeKind.isNull(root.get())) {
            return edit.value() == null ? text : appendSection(text, path, edit.value(), newline);
        }
        MappingNode mapping = blockMapping(root.get(), "the top level");
        String walked = "";
        for (int i = 0; i < path.size() - 1; i++) {
            Segment segment = path.get(i);
            walked = walked.isEmpty() ? segment.key : walked + "." + segment.key;
            NodeTuple entry = find(mapping, segment.key);
            if (entry == null) {
                if (edit.value() == null) {
                    return text; // nothing to remove
                }
                if (i == 0 && path.size() == 2 && segment.index < 0) {
                    return appendSection(text, path, edit.value(), newline);
                }
                throw new EditException(walked + " is not in the file");
            }
            Node value = entry.getValueNode();
            if (segment.index >= 0) {
                if (!(value instanceof SequenceNode list) || segment.index >= list.getValue().size()) {
                    throw new EditException(walked + "[" + segment.index + "] is not in the file");
                }
                value = list.getValue().get(segment.index);
                walked = walked + "[" + segment.index + "]";
            }
            if (NodeKind.isNull(value) && i == path.size() - 2) {
                // "pagerduty:" alone: its keys go on the lines right under it.
                if (edit.value() == null) {
                    return text;
                }
                int at = endOfLine(text, offset(text, entry.getKeyNode().getEndMark()));
                int indent = column(text, offset(text, entry.getKeyNode().getStartMark())) + 2;
                return insert(text, at, newline + " ".repeat(indent) + last(path).key + ": " + render(edit.value()),
                        newline);
            }
            mapping = blockMapping(value, walked);
        }
        return edit(text, mapping, last(path).key, edit, newline);
    }

    private String edit(String text, MappingNode mapping, String key, ConfigTextEdit edit, String newline)
            throws EditException {
        NodeTuple entry = find(mapping, key);
        if (entry == null) {
            if (edit.value() == null) {
                return text;
            }
            NodeTuple lastEntry = mapping.getValue().get(mapping.getValue().size() - 1);
            int at = endOfLine(text, end(text, lastEntry.getValueNode()));
            int indent = column(text, offset(text, mapping.getValue().get(0).getKeyNode().getStartMark()));
            return insert(text, at, newline + " ".repeat(indent) + key + ": " + render(edit.value()), newline);
        }
        Node value = entry.getValueNode();
        int keyStart = offset(text, entry.getKeyNode().getStartMark());
        if (edit.value() == null || NodeKind.isNull(value)) {
            int from = startOfLine(text, keyStart);
            if (!text.substring(from, keyStart).isBlank()) {
                throw new EditException(edit.path() + " does not start its own line; edit it by hand");
            }
            int to = endOfLine(text, NodeKind.isNull(value) ? offset(text, entry.getKeyNode().getEndMark())
                    : end(text, value));
            String removed = text.substring(0, from) + text.substring(Math.min(text.length(), to + newlineAt(text, to)));
            if (edit.value() == null) {
                return removed;
            }
            int indent = keyStart - from;
            return removed.substring(0, from) + " ".repeat(indent) + key + ": " + render(edit.value()) + newline
                    + removed.substring(from);
        }
        int from = offset(text, value.getStartMark());
        return text.substring(0, from) + render(edit.value()) + text.substring(end(text, value));
    }

    /** A value as YAML: a plain word when that cannot be misread, else a double-quoted string; lists in flow style. */
    static String render(Object value) {
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                items.add(quoted((String) item));
            }
            return "[" + String.join(", ", items) + "]";
        }
        String text = (String) value;
        return PLAIN.matcher(text).matches() && !RESERVED.contains(text.toLowerCase(java.util.Locale.ROOT))
                ? text : quoted(text);
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String appendSection(String text, List<Segment> path, Object value, String newline)
            throws EditException {
        if (path.size() != 2 || path.get(0).index >= 0) {
            throw new EditException(path.get(0).key + " is not in the file");
        }
        StringBuilder out = new StringBuilder(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            out.append(newline);
        }
        return out.append(path.get(0).key).append(':').append(newline).append("  ").append(path.get(1).key)
                .append(": ").append(render(value)).append(newline).toString();
    }

    private static String insert(String text, int at, String line, String newline) {
        String inserted = text.substring(0, at) + line + text.substring(at);
        return at == text.length() && !inserted.endsWith("\n") ? inserted + newline : inserted;
    }

    private static MappingNode blockMapping(Node node, String where) throws EditException {
        if (!(node instanceof MappingNode mapping) || !NodeKind.isMapping(node)) {
            throw new EditException(where + " is not a mapping; edit it by hand");
        }
        if (mapping.getFlowStyle() == DumperOptions.FlowStyle.FLOW || mapping.getValue().isEmpty()) {
            throw new EditException(where + " is written as {…}; edit it by hand");
        }
        return mapping;
    }

    private static NodeTuple find(MappingNode mapping, String key) {
        for (NodeTuple entry : mapping.getValue()) {
            if (entry.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                return entry;
            }
        }
        return null;
    }

    /**
     * Where a value's text ends. A block list's own end is where the next key starts, past any comment lines in
     * between; its last item's end keeps those comments out of an edit.
     */
    private static int end(String text, Node value) {
        if (value instanceof SequenceNode list && list.getFlowStyle() != DumperOptions.FlowStyle.FLOW
                && !list.getValue().isEmpty()) {
            return end(text, list.getValue().get(list.getValue().size() - 1));
        }
        if (value instanceof MappingNode map && map.getFlowStyle() != DumperOptions.FlowStyle.FLOW
                && !map.getValue().isEmpty()) {
            return end(text, map.getValue().get(map.getValue().size() - 1).getValueNode());
        }
        int end = offset(text, value.getEndMark());
        // A block scalar (| or >) ends after its line break; step back so the next line is not taken with it.
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    /** SnakeYAML counts code points; Java strings count UTF-16 units. */
    private static int offset(String text, Mark mark) {
        return text.offsetByCodePoints(0, Math.min(mark.getIndex(), text.codePointCount(0, text.length())));
    }

    private static int startOfLine(String text, int at) {
        int newline = text.lastIndexOf('\n', at - 1);
        return newline + 1;
    }

    private static int endOfLine(String text, int at) {
        int newline = text.indexOf('\n', at);
        if (newline < 0) {
            return text.length();
        }
        return newline > 0 && text.charAt(newline - 1) == '\r' ? newline - 1 : newline;
    }

    private static int newlineAt(String text, int at) {
        if (text.startsWith("\r\n", at)) {
            return 2;
        }
        return text.startsWith("\n", at) ? 1 : 0;
    }

    private static int column(String text, int at) {
        return at - startOfLine(text, at);
    }

    private static List<Segment> parse(String path) {
        List<Segment> segments = new ArrayList<>();
        for (String part : path.split("\\.")) {
            Matcher matcher = SEGMENT.matcher(part);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("not a config path: " + path);
            }
            segments.add(new Segment(matcher.group(1), matcher.group(2) == null ? -1
                    : Integer.parseInt(matcher.group(2))));
        }
        if (segments.size() < 2 || last(segments).index >= 0) {
            throw new IllegalArgumentException("not a key inside a section: " + path);
        }
        return segments;
    }

    private static Segment last(List<Segment> path) {
        return path.get(path.size() - 1);
    }

    private record Segment(String key, int index) {
    }
}
