package dev.klaxon.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --format table|json|jsonl} of the list commands. Kept as text: {@link ListFormat#parse} says what it takes
 * in the words the scripts that call us already know.
 */
final class FormatOption {
    @Option(names = "--format", paramLabel = "table|json|jsonl", completionCandidates = Values.class,
            description = "table (default) for people; json (one array) or jsonl (one object a line) for jq")
    String value;

    /** What shell completion offers after {@code --format}. */
    static final class Values extends ArrayList<String> {
        Values() {
            super(List.of("table", "json", "jsonl"));
        }
    }
}
