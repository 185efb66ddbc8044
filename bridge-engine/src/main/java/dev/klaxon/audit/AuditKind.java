package dev.klaxon.audit;

import java.util.Locale;

/** The kinds of individually recorded audit rows (aggregated counts are not rows of this kind). */
public enum AuditKind {
    FORWARDED, ACTION, CONFIG;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuditKind fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
