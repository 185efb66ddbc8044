package dev.klaxon.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One YAML mapping of the config, read against the keys it may hold. Building it reports duplicate keys, unknown
 * keys (with a suggestion) and literal secrets; the typed getters report wrong types. Every report goes to the shared
 * {@link ConfigErrors} and the getter returns empty, so reading carries on and finds the next problem too.
 */
final class YamlMap {

    /** What any key Klaxon knows looks like, with room for a typo; anything else is not shown back. */
    private static final Pattern PLAUSIBLE_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final String path;
    private final Node node;
    private final Set<String> keys;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Map<String, Integer> firstLineOfKey = new LinkedHashMap<>();
    private final ConfigErrors errors;

    /**
     * @param path          of this mapping, such as {@code nats.tls}; empty for the top level
     * @param keys          the keys this mapping may hold
     * @param literalSecrets keys refused because they would put a secret in the file ({@code token}); each one's
     *                      {@code _env} and {@code _file} forms are named in the message
     */
    YamlMap(MappingNode node, String path, Set<String> keys, Set<String> literalSecrets, ConfigErrors errors) {
        this.path = path;
        this.node = node;
        this.keys = Set.copyOf(keys);
        this.errors = errors;
        for (NodeTuple entry : node.getValue()) {
            admit(entry, literalSecrets);
        }
    }

    YamlMap(MappingNode node, String path, Set<String> keys, ConfigErrors errors) {
        this(node, path, keys, Set.of(), errors);
    }

    String path() {
        return path;
    }

    int line() {
        return ConfigErrors.lineOf(node);
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return value(key).isPresent();
    }

    /** The line where a key is written; 0 when it is absent. */
    int keyLine(String key) {
        NodeTuple entry = entries.get(known(key));
        return entry == null ? 0 : ConfigErrors.lineOf(entry.getKeyNode());
    }

    /** The value of a key; empty when the key is absent or has no value ({@code key:} alone). */
    Optional<Node> value(String key) {
        NodeTuple entry = entries.get(known(key));
        if (entry == null || NodeKind.isNull(entry.getValueNode())) {
            return Optional.empty();
        }
        return Optional.of(entry.getValueNode());
    }

    /** A non-blank string. */
    Optional<Located<String>> string(String key) {
        return value(key).flatMap(value -> asString(value, pathOf(key), "a string"));
    }

    /**
     * A string turned into a value by {@code parser}. A non-string is reported as "expected {@code expected}, got a
     * number"; the message of the parser's {@link IllegalArgumentException} becomes the error for a bad string.
     */
    <T> Optional<Located<T>> parsed(String key, String expected, Function<String, T> parser) {
        return value(key).flatMap(value -> asString(value, pathOf(key), expected)).flatMap(text -> {
            try {
                return Optional.of(new Located<>(parser.apply(text.value()), text.path(), text.line()));
            } catch (IllegalArgumentException e) {
                errors.add(text.path(), e.getMessage(), text.line());
                return Optional.empty();
            }
        });
    }

    /** A whole number within [min, max]. */
    Optional<Located<Integer>> integer(String key, int min, int max) {
        return value(key).flatMap(value -> {
            String expected = "a whole number from " + min + " to " + max;
            if (!NodeKind.isInteger(value)) {
                errors.add(pathOf(key), "expected " + expected + ", got " + NodeKind.describe(value), value);
                return Optional.empty();
            }
            String text = ((ScalarNode) value).getValue().replace("_", "");
            try {
                long number = Long.parseLong(text);
                if (number >= min && number <= max) {
                    return Optional.of(new Located<>((int) number, pathOf(key), ConfigErrors.lineOf(value)));
                }
            } catch (NumberFormatException e) {
                // falls through to the range message: a number this long is out of range anyway
            }
            errors.add(pathOf(key), "expected " + expected + ", got " + text, value);
            return Optional.empty();
        });
    }

    Optional<Located<Boolean>> bool(String key) {
        return value(key).flatMap(value -> {
            if (!NodeKind.isBoolean(value)) {
                errors.add(pathOf(key), "expected true or false, got " + NodeKind.describe(value), value);
                return Optional.empty();
            }
            String text = ((ScalarNode) value).getValue().toLowerCase(Locale.ROOT);
            boolean truth = text.equals("true") || text.equals("yes") || text.equals("on");
            return Optional.of(new Located<>(truth, pathOf(key), ConfigErrors.lineOf(value)));
        });
    }

    /**
     * A list of non-blank strings; a single string is taken as a list of one, since {@code servers: host:4222} is
     * an obvious intent. Elements are located as {@code key[i]}. Bad elements are reported and left out.
     */
    Optional<List<Located<String>>> stringList(String key) {
        return value(key).flatMap(value -> {
            String keyPath = pathOf(key);
            if (NodeKind.isString(value)) {
                return asString(value, keyPath, "a list of strings").map(List::of);
            }
            if (!(value instanceof SequenceNode list) || !NodeKind.isList(value)) {
                errors.add(keyPath, "expected a list of strings, got " + NodeKind.describe(value), value);
                return Optional.empty();
            }
            List<Located<String>> items = new ArrayList<>();
            List<Node> elements = list.getValue();
            for (int i = 0; i < elements.size(); i++) {
                asString(elements.get(i), keyPath + "[" + i + "]", "a string").ifPresent(items::add);
            }
            return Optional.of(items);
        });
    }

    /** A nested mapping, read against its own keys. */
    Optional<YamlMap> mapping(String key, Set<String> nestedKeys, Set<String> literalSecrets) {
        return value(key).flatMap(value -> {
            if (!(value instanceof MappingNode mapping) || !NodeKind.isMapping(value)) {
                errors.add(pathOf(key), "expected a mapping of " + String.join(", ", new TreeSet<>(nestedKeys))
                        + ", got " + NodeKind.describe(value), value);
                return Optional.empty();
            }
            return Optional.of(new YamlMap(mapping, pathOf(key), nestedKeys, literalSecrets, errors));
        });
    }

    Optional<YamlMap> mapping(String key, Set<String> nestedKeys) {
        return mapping(key, nestedKeys, Set.of());
    }

    /** A list whose elements the caller reads; {@code expected} describes them ("a list of rules"). */
    Optional<SequenceNode> list(String key, String expected) {
        return value(key).flatMap(value -> {
            if (!(value instanceof SequenceNode list) || !NodeKind.isList(value)) {
                errors.add(pathOf(key), "expected " + expected + ", got " + NodeKind.describe(value), value);
                return Optional.empty();
            }
            return Optional.of(list);
        });
    }

    private Optional<Located<String>> asString(Node value, String valuePath, String expected) {
        if (!NodeKind.isString(value)) {
            errors.add(valuePath, "expected " + expected + ", got " + NodeKind.describe(value), value);
            return Optional.empty();
        }
        String text = ((ScalarNode) value).getValue();
        if (text.isBlank()) {
            errors.add(valuePath, "must not be empty", value);
            return Optional.empty();
        }
        return Optional.of(new Located<>(text, valuePath, ConfigErrors.lineOf(value)));
    }

    private void admit(NodeTuple entry, Set<String> literalSecrets) {
        Node keyNode = entry.getKeyNode();
        if (!(keyNode instanceof ScalarNode scalarKey)) {
            errors.add(path, "keys must be plain names, got " + NodeKind.describe(keyNode) + " as a key", keyNode);
            return;
        }
        String key = scalarKey.getValue();
        if (!PLAUSIBLE_KEY.matcher(key).matches()) {
            // Never echoed: pointed at the wrong file (--config /etc/shadow through a symlink), each line is a "key",
            // and printing it would print the file. Every key Klaxon knows is a short name.
            errors.add(path, "a key that is not a known key name (not shown: keys are short names of letters, "
                    + "digits and _); is this the right file?", keyNode);
            return;
        }
        String keyPath = pathOf(key);
        Integer firstLine = firstLineOfKey.putIfAbsent(key, ConfigErrors.lineOf(keyNode));
        if (firstLine != null) {
            errors.add(keyPath, "duplicate key; first given on line " + firstLine, keyNode);
            return;
        }
        if (literalSecrets.contains(key)) {
            errors.add(keyPath, "secrets are not allowed in the config file; use " + key + "_env or " + key
                    + "_file", keyNode);
        } else if (!keys.contains(key)) {
            errors.add(keyPath, unknownKeyMessage(key), keyNode);
        } else {
            entries.put(key, entry);
        }
    }

    private String unknownKeyMessage(String key) {
        return KeySuggester.closest(key, keys)
                .map(suggestion -> "unknown key; did you mean \"" + suggestion + "\"?")
                .orElseGet(() -> "unknown key; valid keys here are " + String.join(", ", new TreeSet<>(keys)));
    }

    // Asking for a key the schema does not list is a bug in the reader, not in the user's file.
    private String known(String key) {
        if (!keys.contains(key)) {
            throw new IllegalArgumentException(pathOf(key) + " is not among the keys declared for " + path);
        }
        return key;
    }
}
