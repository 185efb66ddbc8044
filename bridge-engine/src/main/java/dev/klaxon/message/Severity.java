package dev.klaxon.message;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** PagerDuty's four severities, most urgent first. */
public enum Severity {
    CRITICAL, ERROR, WARNING, INFO;

    // Names monitoring tools commonly use for the same levels (syslog, Prometheus, Sentry, ...).
    private static final Map<String, Severity> ALIASES = Map.ofEntries(
            Map.entry("critical", CRITICAL), Map.entry("crit", CRITICAL), Map.entry("fatal", CRITICAL),
            Map.entry("emergency", CRITICAL), Map.entry("emerg", CRITICAL), Map.entry("alert", CRITICAL),
            Map.entry("panic", CRITICAL), Map.entry("p1", CRITICAL),
            Map.entry("error", ERROR), Map.entry("err", ERROR), Map.entry("high", ERROR), Map.entry("major", ERROR),
            Map.entry("p2", ERROR),
            Map.entry("warning", WARNING), Map.entry("warn", WARNING), Map.entry("medium", WARNING),
            Map.entry("minor", WARNING), Map.entry("p3", WARNING),
            Map.entry("info", INFO), Map.entry("informational", INFO), Map.entry("notice", INFO),
            Map.entry("low", INFO), Map.entry("debug", INFO), Map.entry("ok", INFO), Map.entry("p4", INFO),
            Map.entry("p5", INFO));

    /** The value PagerDuty expects in {@code payload.severity}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a severity or one of its aliases, ignoring case and surrounding blanks. */
    public static Optional<Severity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(ALIASES.get(text.strip().toLowerCase(Locale.ROOT)));
    }
}
