package dev.klaxon.route;

import java.util.Optional;

/**
 * Screens inbound subjects before anything else looks at them. Publishers are not trusted: a subject that no sane
 * producer would send is rejected with a reason rather than counted, tailed and routed.
 */
public final class Subjects {
    /** Longest subject accepted, in characters. */
    public static final int MAX_LENGTH = 512;
    /** Most tokens accepted in one subject. */
    public static final int MAX_TOKENS = 32;

    private Subjects() {
    }

    /**
     * Why {@code subject} is absurd, or empty when it is fine. One pass over the characters; no allocation for a good
     * subject. Reasons may quote the subject only after it has been found short and printable.
     */
    public static Optional<String> problem(String subject) {
        if (subject == null || subject.isEmpty()) {
            return Optional.of("subject is empty");
        }
        int length = subject.length();
        if (length > MAX_LENGTH) {
            return Optional.of("subject is " + length + " characters long; the limit is " + MAX_LENGTH);
        }
        int bad = SubjectChars.firstForbidden(subject);
        if (bad >= 0) {
            return Optional.of("subject contains " + SubjectChars.forbiddenAt(subject, bad) + ": "
                    + SubjectChars.quote(subject));
        }
        int tokens = 0;
        int start = 0;
        while (start <= length) {
            int end = subject.indexOf('.', start);
            if (end < 0) {
                end = length;
            }
            tokens++;
            if (end == start) {
                return Optional.of("subject " + SubjectChars.quote(subject) + " has an empty token (token "
                        + (tokens - 1) + ")");
            }
            if (end - start == 1) {
                char c = subject.charAt(start);
                if (c == '*' || c == '>') {
                    return Optional.of("subject " + SubjectChars.quote(subject) + " contains the wildcard token \""
                            + c + "\"; wildcards belong in subscriptions, not in published subjects");
                }
            }
            start = end + 1;
        }
        if (tokens > MAX_TOKENS) {
            return Optional.of("subject has " + tokens + " tokens; the limit is " + MAX_TOKENS);
        }
        return Optional.empty();
    }

    /** Number of tokens in a subject that passed {@link #problem}; used for clear template notes. */
    static int tokenCount(String subject) {
        int count = 1;
        for (int dot = subject.indexOf('.'); dot >= 0; dot = subject.indexOf('.', dot + 1)) {
            count++;
        }
        return count;
    }
}
