package dev.klaxon.app.ui.incidents;

import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.app.ui.common.SafeText;
import dev.klaxon.incidents.ActionResult;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import dev.klaxon.pagerduty.rest.OnCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How incidents and incident actions read in the console. */
public final class IncidentText {
    private IncidentText() {
    }

    /** "#12 Disk 91% on db-1" */
    static String name(IncidentSummary incident) {
        return "#" + incident.number() + " " + Formats.oneLine(incident.title(), 80);
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
    static String tooltip(IncidentSummary incident, java.time.Instant now, List<OnCall> onCall) {
        return "#" + incident.number() + " " + SafeText.inline(incident.title(), 500) + "\n"
                + SafeText.inline(incident.status(), 40) + ", " + SafeText.inline(incident.urgency(), 40)
                + " urgency, open for " + age(incident.createdAt(), now) + ", " + alerts(incident) + "\nService: "
                + (incident.serviceName() == null ? "—" : SafeText.inline(incident.serviceName(), 200))
                + "\nAssigned to: " + assignees(incident) + "\nOn call: " + onCall(onCall, 10)
                + (incident.htmlUrl() == null ? "" : "\n" + SafeText.inline(incident.htmlUrl(), 300));
    }

    /** "high urgency · Service 1 · On-call L1 · 2 alerts": the line under an incident's title. */
    static String meta(IncidentSummary incident) {
        return (incident.urgency() == null ? "" : Formats.oneLine(incident.urgency(), 20) + " urgency · ")
                + Formats.oneLine(incident.serviceName() == null ? "no service" : incident.serviceName(), 80) + " · "
                + Formats.oneLine(assignees(incident), 80) + " · " + alerts(incident);
    }

    static String assignees(IncidentSummary incident) {
        return incident.assignees().isEmpty() ? "—" : SafeText.inline(String.join(", ", incident.assignees()), 300);
    }

    /** "1 alert", "3 alerts (2 triggered)" */
    static String alerts(IncidentSummary incident) {
        IncidentSummary.AlertCounts counts = incident.alertCounts();
        if (counts == null) {
            return "alerts unknown";
        }
        return counts.all() + (counts.all() == 1 ? " alert" : " alerts")
                + (counts.triggered() == counts.all() || counts.all() == 0 ? "" : " (" + counts.triggered()
                + " triggered)");
    }

    /** "L1 Ann, L2 Bob": who is on call by escalation level, lowest first; "unknown" when not read. */
    static String onCall(List<OnCall> onCalls, int max) {
        if (onCalls.isEmpty()) {
            return "unknown";
        }
        return onCalls.stream().limit(max).map(o -> "L" + o.escalationLevel() + " "
                + Formats.oneLine(o.userName() == null ? o.userId() : o.userName(), 60))
                .distinct().collect(Collectors.joining(", ")) + (onCalls.size() > max ? ", …" : "");
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
