package dev.klaxon.route;

/** A NATS subject pattern. Placeholder: replaced by the route package implementation. */
public final class SubjectPattern {
    private final String text;

    private SubjectPattern(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException with a message such as {@code empty token in "alerts..db"} */
    public static SubjectPattern compile(String pattern) {
        return new SubjectPattern(pattern);
    }

    public boolean matches(String subject) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public String text() {
        return text;
    }
}
