package dev.klaxon.audit;

import dev.klaxon.route.SubjectPattern;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * What to look for in the audit. Every filter is optional.
 *
 * @param since          inclusive lower bound on {@link AuditRow#at}
 * @param until          exclusive upper bound on {@link AuditRow#at}
 * @param subjectPattern a NATS pattern ({@code *}, {@code >}); rows without a subject (actions, config loads) never
 *                       match a subject filter
 * @param text           case-insensitive substring searched in every text column
 * @param kinds          empty means every kind
 * @param limit          at most this many rows; 0 means no limit
 */
public record AuditQuery(Instant since, Instant until, String subjectPattern, String text, Set<AuditKind> kinds,
                         int limit) {
    public AuditQuery {
        if (subjectPattern != null && subjectPattern.isBlank()) {
            subjectPattern = null;
        }
        if (subjectPattern != null) {
            SubjectPattern.compile(subjectPattern); // fail on a bad pattern here, not halfway through an export
        }
        if (text != null && text.isBlank()) {
            text = null;
        }
        kinds = kinds == null || kinds.isEmpty() ? Set.copyOf(EnumSet.allOf(AuditKind.class)) : Set.copyOf(kinds);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + limit);
        }
    }

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, 0);
    }

    public AuditQuery since(Instant value) {
        return new AuditQuery(value, until, subjectPattern, text, kinds, limit);
    }

    public AuditQuery until(Instant value) {
        return new AuditQuery(since, value, subjectPattern, text, kinds, limit);
    }

    public AuditQuery subject(String pattern) {
        return new AuditQuery(since, until, pattern, text, kinds, limit);
    }

    public AuditQuery text(String value) {
        return new AuditQuery(since, until, subjectPattern, value, kinds, limit);
    }

    public AuditQuery kinds(AuditKind first, AuditKind... rest) {
        return new AuditQuery(since, until, subjectPattern, text, EnumSet.of(first, rest), limit);
    }

    public AuditQuery limit(int value) {
        return new AuditQuery(since, until, subjectPattern, text, kinds, value);
    }
}
