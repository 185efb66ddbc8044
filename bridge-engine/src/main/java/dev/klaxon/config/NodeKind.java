package dev.klaxon.config;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * What kind of YAML value a node is, judged by its resolved tag. Checking the tag (not just the node class) is what
 * refuses {@code !!binary}, {@code !!set}, local tags and the like: only the plain YAML types pass.
 */
final class NodeKind {

    private NodeKind() {
    }

    static boolean isString(Node node) {
        return node instanceof ScalarNode && Tag.STR.equals(node.getTag());
    }

    static boolean isInteger(Node node) {
        return node instanceof ScalarNode && Tag.INT.equals(node.getTag());
    }

    static boolean isBoolean(Node node) {
        return node instanceof ScalarNode && Tag.BOOL.equals(node.getTag());
    }

    /** {@code key:} with nothing after it, or {@code ~} / {@code null}: treated as if the key were absent. */
    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    static boolean isList(Node node) {
        return Tag.SEQ.equals(node.getTag());
    }

    static boolean isMapping(Node node) {
        return Tag.MAP.equals(node.getTag());
    }

    /** For messages such as "expected a string, got a number". */
    static String describe(Node node) {
        Tag tag = node.getTag();
        if (Tag.STR.equals(tag)) {
            return "a string";
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "a number";
        }
        if (Tag.BOOL.equals(tag)) {
            return "a boolean";
        }
        if (Tag.NULL.equals(tag)) {
            return "nothing";
        }
        if (Tag.SEQ.equals(tag)) {
            return "a list";
        }
        if (Tag.MAP.equals(tag)) {
            return "a mapping";
        }
        if (Tag.TIMESTAMP.equals(tag)) {
            return "a date";
        }
        String name = tag.getValue();
        return "a value tagged " + (name.startsWith(Tag.PREFIX) ? "!!" + name.substring(Tag.PREFIX.length()) : name);
    }
}
