package dev.klaxon.config;

import dev.klaxon.message.Severity;
import dev.klaxon.route.SubjectPattern;
import java.util.Objects;

/**
 * One entry of {@code guards.inhibit}: while an alert on a {@code while} subject is firing (triggered, not yet
 * resolved), triggers on {@code hold} subjects whose severity is below {@code below} are held back as inhibited.
 * The {@code while} subjects themselves are never inhibited by their own rule.
 *
 * @param index position in the list (shown as {@code guards.inhibit[index]})
 */
public record InhibitRule(int index, int line, SubjectPattern whilePattern, SubjectPattern holdPattern,
                          Severity below) {
    public InhibitRule {
        Objects.requireNonNull(whilePattern, "whilePattern");
        Objects.requireNonNull(holdPattern, "holdPattern");
        Objects.requireNonNull(below, "below");
    }

    public String label() {
        return "guards.inhibit[" + index + "]";
    }
}
