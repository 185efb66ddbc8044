package dev.klaxon.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Collects the problems of one load, so a user sees all of them at once. One instance per load. */
final class ConfigErrors {

    private final List<ConfigError> errors = new ArrayList<>();

    void add(String path, String message, int line) {
        errors.add(new ConfigError(path, message, line));
    }

    void add(String path, String message, Node at) {
        add(path, message, lineOf(at));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** In the order of the file: sections are read in a fixed order, but users read their file top to bottom. */
    List<ConfigError> inFileOrder() {
        List<ConfigError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt(ConfigError::line));
        return List.copyOf(sorted);
    }

    /** 1-based line where a node starts; 0 if SnakeYAML gave it no position. */
    static int lineOf(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
