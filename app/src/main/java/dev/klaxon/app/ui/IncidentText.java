package dev.klaxon.app.ui;

import dev.klaxon.incidents.ActionResult;
import dev.klaxon.incidents.IncidentRef;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/** How incidents and incident actions read in the console. */
final class IncidentText {
    private IncidentText() {
    }

    /** "#12 Disk 91% on db-1" */
    static String name(IncidentSummary incident) {
        return "#" + incident.number() + " " + Formats.oneLine(incident.title(), 80);
    }

    /** "#12 acknowledged" */
    static String ref(IncidentRef ref) {
        return "#" + ref.number() + " " + ref.status();
    }

    /** "4 min", "2 h 5 min", "3 d": how long an incident has been open, short enough for a narrow column. */
    static String age(Instant createdAt, Instant now) {
        if (createdAt == null) {
            return "—";
        }
        long seconds = Math.max(0, Duration.between(createdAt, now).toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400) {
            long minutes = seconds / 60 % 60;
            return seconds / 3600 + " h" + (minutes == 0 ? "" : " " + minutes + " min");
        }
        return seconds / 86_400 + " d";
    }

    /** Everything about a row, for its tooltip: the table cuts long titles and names on a narrow panel. */
    static String tooltip(IncidentSummary incident, java.time.Instant now) {
        return "#" + incident.number() + " " + incident.title() + "\n" + incident.status() + ", " + incident.urgency()
                + " urgency, open for " + age(incident.createdAt(), now) + "\nService: "
                + (incident.serviceName() == null ? "—" : incident.serviceName()) + "\nAssigned to: "
                + assignees(incident) + (incident.htmlUrl() == null ? "" : "\n" + incident.htmlUrl());
    }

    /** "high urgency · Service 1 · On-call L1": the line under an incident's title. */
    static String meta(IncidentSummary incident) {
        return (incident.urgency() == null ? "" : incident.urgency() + " urgency · ")
                + Formats.oneLine(incident.serviceName() == null ? "no service" : incident.serviceName(), 80) + " · "
                + Formats.oneLine(assignees(incident), 80);
    }

    static String assignees(IncidentSummary incident) {
        return incident.assignees().isEmpty() ? "—" : String.join(", ", incident.assignees());
    }

    /** "Acknowledging #12, #13…" */
    static String progress(String verb, Iterable<IncidentSummary> incidents) {
        StringBuilder text = new StringBuilder(verb).append(' ');
        int shown = 0;
        for (IncidentSummary incident : incidents) {
            if (shown == 5) {
                text.append(", …");
                break;
            }
            text.append(shown == 0 ? "" : ", ").append('#').append(incident.number());
            shown++;
        }
        return text.append('…').toString();
    }

    /** "#12, #13: acknowledged" or "Could not resolve #12: incident is already resolved". */
    static String result(ActionResult result, Map<String, Integer> numbers) {
        if (result.allOk()) {
            return result.outcomes().stream().map(o -> number(o.incidentId(), numbers))
                    .collect(Collectors.joining(", ")) + ": " + result.outcomes().get(0).message();
        }
        String verb = result.action().substring(result.action().indexOf('.') + 1);
        return "Could not " + verb + " " + result.failures().stream()
                .map(f -> number(f.incidentId(), numbers) + ": " + f.message())
                .collect(Collectors.joining("; "));
    }

    private static String number(String id, Map<String, Integer> numbers) {
        Integer number = numbers.get(id);
        return number == null ? id : "#" + number;
    }
}
