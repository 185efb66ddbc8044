package dev.klaxon.pagerduty.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads PagerDuty's JSON into our records, tolerating missing fields (PagerDuty omits what does not apply). */
final class Parsing {
    private Parsing() {
    }

    static IncidentSummary incident(JsonNode node) {
        JsonNode service = node.path("service");
        List<String> assignees = new ArrayList<>();
        List<String> assigneeIds = new ArrayList<>();
        for (JsonNode assignment : node.path("assignments")) {
            JsonNode assignee = assignment.path("assignee");
            assignees.add(text(assignee, "summary") != null ? text(assignee, "summary") : text(assignee, "id"));
            if (text(assignee, "id") != null) {
                assigneeIds.add(text(assignee, "id"));
            }
        }
        JsonNode counts = node.path("alert_counts");
        return new IncidentSummary(text(node, "id"), node.path("incident_number").asInt(), title(node),
                text(node, "status"), text(node, "urgency"), text(service, "id"), text(service, "summary"),
                text(node, "incident_key"), instant(node, "created_at"), text(node, "html_url"), assignees,
                new IncidentSummary.AlertCounts(counts.path("all").asInt(), counts.path("triggered").asInt(),
                        counts.path("resolved").asInt()), text(node.path("escalation_policy"), "id"), assigneeIds);
    }

    static IncidentAlert alert(JsonNode node) {
        return new IncidentAlert(text(node, "id"), text(node, "status"), text(node, "severity"),
                text(node, "alert_key"), text(node, "summary"), instant(node, "created_at"));
    }

    static ServiceSummary service(JsonNode node) {
        return new ServiceSummary(text(node, "id"), text(node, "name"), text(node, "status"),
                text(node.path("escalation_policy"), "id"));
    }

    static EscalationPolicySummary escalationPolicy(JsonNode node) {
        return new EscalationPolicySummary(text(node, "id"), text(node, "name"));
    }

    static OnCall onCall(JsonNode node) {
        JsonNode user = node.path("user");
        JsonNode policy = node.path("escalation_policy");
        return new OnCall(text(user, "id"), text(user, "summary"), text(policy, "id"), text(policy, "summary"),
                node.path("escalation_level").asInt(), instant(node, "start"), instant(node, "end"));
    }

    static IncidentNote note(JsonNode node) {
        return new IncidentNote(text(node, "id"), text(node, "content"), instant(node, "created_at"));
    }

    private static String title(JsonNode node) {
        String title = text(node, "title");
        return title != null ? title : text(node, "summary");
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            return null;
        }
        try {
            // PagerDuty sends both "Z" and numeric offsets ("-05:00"); OffsetDateTime reads either.
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
