package dev.klaxon.pagerduty.rest;

/** A PagerDuty service; {@code escalationPolicyId} is null when the response did not include it. */
public record ServiceSummary(String id, String name, String status, String escalationPolicyId) {
}
