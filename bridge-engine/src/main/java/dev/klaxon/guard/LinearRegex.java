package dev.klaxon.guard;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Objects;

/**
 * An operator's regular expression (a silence matcher's {@code =~}), matched against whole values in time linear in
 * the value's length.
 *
 * <p>Why RE2/J and not {@code java.util.regex}: Java's engine backtracks, so an innocent-looking pattern such as
 * {@code (a+)+$} takes exponential (in practice: minutes) time on a value that almost matches, and a publisher who
 * can guess the pattern can stall the engine's single processing thread with one message. RE2/J runs an automaton
 * and guarantees time linear in the input for every pattern it accepts. The price is RE2 syntax: no backreferences,
 * no lookaround, no possessive quantifiers; such patterns are refused when the silence is made, never at match time.
 *
 * <p>Linear in the input still means "times the size of the compiled program", and RE2/J has no memory limit of its
 * own ({@code ((a{1000}){1000}){1000}} exhausts the heap while compiling). So a pattern is also refused when it is
 * longer than {@link #MAX_LENGTH} characters, nests counted repetitions past {@link RepetitionNesting#LIMIT} (RE2's
 * own rule), or compiles to more than {@link #MAX_PROGRAM} instructions. Immutable and thread-safe.
 */
public final class LinearRegex {
    /** Longest pattern accepted, in characters: keeps compiling cheap. */
    public static final int MAX_LENGTH = 1_000;
    /**
     * Largest compiled program accepted. Matching costs up to (value length × program size) steps, so this bounds the
     * worst case; everyday matchers ({@code db-.*}, {@code (db|cache)-[0-9]+}) compile to a few dozen.
     */
    public static final int MAX_PROGRAM = 1_000;
    private static final String SYNTAX_HINT = "matchers use RE2 syntax: no backreferences or lookaround";

    private final String text;
    private final Pattern pattern;

    private LinearRegex(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with the pattern (without naming the field: the caller
     *                                  knows it)
     */
    public static LinearRegex compile(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the regular expression is " + text.length()
                    + " characters long; the limit is " + MAX_LENGTH);
        }
        long nesting = RepetitionNesting.maxProduct(text);
        if (nesting > RepetitionNesting.LIMIT) {
            throw new IllegalArgumentException("\"" + text + "\" nests counted repetitions ({n}) to " + nesting
                    + " copies; the limit is " + RepetitionNesting.LIMIT);
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a regular expression Klaxon can run: "
                    + e.getDescription() + " `" + e.getPattern() + "` (" + SYNTAX_HINT + ")");
        }
        if (compiled.programSize() > MAX_PROGRAM) {
            throw new IllegalArgumentException("\"" + text + "\" is too complex: it compiles to "
                    + compiled.programSize() + " steps; the limit is " + MAX_PROGRAM
                    + " (use .* or + rather than large {n,m} counts)");
        }
        return new LinearRegex(text, compiled);
    }

    /** True when the whole of {@code value} matches (not just a part of it). */
    public boolean matchesWhole(String value) {
        return pattern.matches(value);
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
