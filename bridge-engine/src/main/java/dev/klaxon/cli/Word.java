package dev.klaxon.cli;

import java.util.List;

/**
 * One positional word as typed. Picocli reads a lone empty argument for a list of strings as "no values", so
 * {@code incident ack ""} would lose its empty ID and be told it gave none; a list of words keeps it, and the command
 * still says the ID is empty. {@link CommandTree} registers the conversion for every command.
 */
record Word(String text) {

    /** The texts of {@code words}; none when picocli left the list null because no word was given. */
    static List<String> texts(List<Word> words) {
        return words == null ? List.of() : words.stream().map(Word::text).toList();
    }
}
