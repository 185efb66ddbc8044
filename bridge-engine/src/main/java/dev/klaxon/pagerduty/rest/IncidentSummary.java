package dev.klaxon.pagerduty.rest;

import java.time.Instant;
import java.util.List;

/**
 * What the console and CLI show of an incident.
 *
 * @param status      the wire status ({@code triggered}, {@code acknowledged}, {@code resolved}); kept as text so a
 *                    status PagerDuty adds later is shown rather than lost
 * @param incidentKey the incident's key; for Events API incidents this is the alert's dedup_key
 * @param createdAt   null if PagerDuty sent none or an unreadable one
 * @param assignees   assignee display names (PagerDuty's {@code summary})
 * @param escalationPolicyId the incident's escalation policy; null if PagerDuty sent none
 * @param assigneeIds the assignees' user ids, in the order of {@code assignees}: with the on-calls they say which
 *                    level of the policy the incident is at (PagerDuty's incident has no level of its own)
 */
public record IncidentSummary(String id, int number, String title, String status, String urgency, String serviceId,
                              String serviceName, String incidentKey, Instant createdAt, String htmlUrl,
                              List<String> assignees, AlertCounts alertCounts, String escalationPolicyId,
                              List<String> assigneeIds) {
    public IncidentSummary {
        assignees = List.copyOf(assignees);
        assigneeIds = List.copyOf(assigneeIds);
    }

    public record AlertCounts(int all, int triggered, int resolved) {
    }
}
