package dev.klaxon.pagerduty.rest;

import java.time.Instant;

/** A note PagerDuty stored on an incident. */
public record IncidentNote(String id, String content, Instant createdAt) {
}
