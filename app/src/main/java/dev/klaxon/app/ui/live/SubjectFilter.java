package dev.klaxon.app.ui.live;

import dev.klaxon.route.SubjectPattern;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * What the filter box means. Text containing a NATS wildcard ({@code *} or {@code >}) is a subject pattern with the
 * engine's own matching rules; anything else is a case-insensitive substring, which also covers exact subjects.
 *
 * @param problem why a wildcard-looking text is not a valid pattern (then it is matched as text); null otherwise
 */
public record SubjectFilter(Mode mode, String text, SubjectPattern pattern, String problem)
        implements Predicate<String> {

    public enum Mode { ALL, TEXT, WILDCARD, INVALID_WILDCARD }

    public static final SubjectFilter ALL = new SubjectFilter(Mode.ALL, "", null, null);

    public static SubjectFilter parse(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            return ALL;
        }
        if (text.indexOf('*') < 0 && text.indexOf('>') < 0) {
            return new SubjectFilter(Mode.TEXT, text, null, null);
        }
        try {
            return new SubjectFilter(Mode.WILDCARD, text, SubjectPattern.compile(text), null);
        } catch (IllegalArgumentException e) {
            return new SubjectFilter(Mode.INVALID_WILDCARD, text, null, e.getMessage());
        }
    }

    @Override
    public boolean test(String subject) {
        return switch (mode) {
            case ALL -> true;
            case WILDCARD -> pattern.matches(subject);
            case TEXT, INVALID_WILDCARD -> subject.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
        };
    }

    /** A short description for the mode badge next to the box. */
    public String modeLabel() {
        return switch (mode) {
            case ALL -> "all subjects";
            case TEXT -> "text match";
            case WILDCARD -> "wildcard";
            case INVALID_WILDCARD -> "invalid wildcard";
        };
    }

    /** The tooltip: how this text is being interpreted, in full. */
    public String explanation() {
        return switch (mode) {
            case ALL -> "Type text to match part of a subject (case-insensitive),\n"
                    + "or a NATS wildcard: * is one token, > is the rest (alerts.prod.>, *.staging.*).";
            case TEXT -> "Subjects containing \"" + text + "\" (case-insensitive).";
            case WILDCARD -> "Subjects matching the NATS wildcard " + text + "  (* = one token, > = the rest).";
            case INVALID_WILDCARD -> "Not a valid NATS wildcard (" + problem + "); matching it as plain text.";
        };
    }
}
