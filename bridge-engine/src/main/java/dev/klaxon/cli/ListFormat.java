package dev.klaxon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;

/**
 * How a list command prints: {@code table} for people (the default), {@code json} (one array) or {@code jsonl} (one
 * object per line) for {@code jq} and scripts. The JSON forms carry every row and nothing else: no header, no count
 * line, so a pipe gets only data.
 */
enum ListFormat {
    TABLE, JSON, JSONL;

    static final ObjectMapper MAPPER = new ObjectMapper();

    static ListFormat parse(String option) throws UsageException {
        if (option == null) {
            return TABLE;
        }
        return switch (option) {
            case "table" -> TABLE;
            case "json" -> JSON;
            case "jsonl" -> JSONL;
            default -> throw new UsageException("--format takes table, json or jsonl, got \"" + option + "\"");
        };
    }

    /** Prints {@code rows} as JSON, or runs {@code table} for the table form. */
    void print(PrintStream out, List<ObjectNode> rows, Runnable table) {
        switch (this) {
            case TABLE -> table.run();
            case JSON -> {
                ArrayNode array = MAPPER.createArrayNode();
                rows.forEach(array::add);
                out.println(array);
            }
            case JSONL -> rows.forEach(out::println);
        }
    }
}
