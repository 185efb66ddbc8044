package dev.klaxon.pagerduty.rest;

import java.time.Instant;

/** One alert of an incident; {@code alertKey} is the Events API {@code dedup_key} that grouped it. */
public record IncidentAlert(String id, String status, String severity, String alertKey, String summary,
                            Instant createdAt) {
}
