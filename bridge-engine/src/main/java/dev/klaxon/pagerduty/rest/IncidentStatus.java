package dev.klaxon.pagerduty.rest;

import java.util.Locale;
import java.util.Optional;

/** An incident's status as the REST API spells it. */
public enum IncidentStatus {
    TRIGGERED, ACKNOWLEDGED, RESOLVED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IncidentStatus> parse(String text) {
        for (IncidentStatus status : values()) {
            if (status.wire().equalsIgnoreCase(text.strip())) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
