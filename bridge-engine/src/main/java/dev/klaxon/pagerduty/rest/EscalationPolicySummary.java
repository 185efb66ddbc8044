package dev.klaxon.pagerduty.rest;

/** A PagerDuty escalation policy. */
public record EscalationPolicySummary(String id, String name) {
}
