package dev.klaxon.route;

import java.util.Arrays;

/**
 * A NATS subject pattern: tokens separated by {@code .}, {@code *} matching exactly one token, {@code >} matching
 * one or more trailing tokens. Immutable and thread-safe.
 *
 * <p>{@link #matches} runs for every message against every rule, so it walks the subject by index and never
 * allocates.
 */
public final class SubjectPattern {
    private static final String ONE = "*";
    private static final String REST = ">";

    private final String text;
    /** Literal tokens; null where the pattern has {@code *}. Excludes a trailing {@code >}. */
    private final String[] tokens;
    private final boolean endsWithRest;
    private final boolean literal;

    private SubjectPattern(String text, String[] tokens, boolean endsWithRest) {
        this.text = text;
        this.tokens = tokens;
        this.endsWithRest = endsWithRest;
        this.literal = !endsWithRest && Arrays.stream(tokens).allMatch(t -> t != null);
    }

    /** @throws IllegalArgumentException with a message such as {@code empty token in "alerts..db"} */
    public static SubjectPattern compile(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("empty pattern");
        }
        int bad = SubjectChars.firstForbidden(pattern);
        if (bad >= 0) {
            throw new IllegalArgumentException(SubjectChars.forbiddenAt(pattern, bad) + " in " + quote(pattern)
                    + "; patterns may not contain whitespace or control characters");
        }
        String[] parts = pattern.split("\\.", -1);
        boolean endsWithRest = false;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                throw new IllegalArgumentException("empty token in " + quote(pattern));
            }
            if (part.equals(REST)) {
                if (i != parts.length - 1) {
                    throw new IllegalArgumentException("\">\" must be the last token in " + quote(pattern));
                }
                endsWithRest = true;
            } else if (!part.equals(ONE)) {
                int star = part.indexOf('*');
                int gt = part.indexOf('>');
                if (star >= 0 || gt >= 0) {
                    // Name whichever wildcard character comes first in the token.
                    String wildcard = gt < 0 || (star >= 0 && star < gt) ? ONE : REST;
                    throw new IllegalArgumentException("wildcard \"" + wildcard + "\" must be a whole token in "
                            + quote(pattern));
                }
            }
        }
        int count = endsWithRest ? parts.length - 1 : parts.length;
        String[] tokens = new String[count];
        for (int i = 0; i < count; i++) {
            tokens[i] = parts[i].equals(ONE) ? null : parts[i];
        }
        return new SubjectPattern(pattern, tokens, endsWithRest);
    }

    /**
     * True when {@code subject} matches. A subject with an empty token (leading, trailing or doubled dot) never
     * matches a wildcard, since NATS tokens are non-empty; inbound subjects are screened by {@link Subjects} first.
     */
    public boolean matches(String subject) {
        if (literal) {
            return text.equals(subject);
        }
        if (subject == null) {
            return false;
        }
        int length = subject.length();
        int pos = 0;
        for (String token : tokens) {
            if (pos > length) {
                return false; // the subject has fewer tokens than the pattern
            }
            int end = subject.indexOf('.', pos);
            if (end < 0) {
                end = length;
            }
            if (end == pos) {
                return false; // empty token
            }
            if (token != null
                    && (end - pos != token.length() || !subject.regionMatches(pos, token, 0, token.length()))) {
                return false;
            }
            pos = end + 1;
        }
        if (endsWithRest) {
            return pos < length && hasNoEmptyToken(subject, pos);
        }
        return pos == length + 1; // every subject token consumed, no trailing dot
    }

    /** The pattern as written in the config. */
    public String text() {
        return text;
    }

    /** True when the pattern has no wildcards and so matches one subject only. */
    public boolean isLiteral() {
        return literal;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubjectPattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    /** Whether the tail starting at {@code from} (non-empty, not starting with a dot) has no empty token. */
    private static boolean hasNoEmptyToken(String subject, int from) {
        int length = subject.length();
        if (subject.charAt(from) == '.' || subject.charAt(length - 1) == '.') {
            return false;
        }
        for (int dot = subject.indexOf('.', from); dot >= 0; dot = subject.indexOf('.', dot + 1)) {
            if (dot + 1 < length && subject.charAt(dot + 1) == '.') {
                return false;
            }
        }
        return true;
    }

    private static String quote(String text) {
        return SubjectChars.quote(text);
    }
}
