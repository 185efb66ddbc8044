package dev.klaxon.app.ui.notify;

import dev.klaxon.app.outlets.Alert;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.incidents.DeskSnapshot;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the PagerDuty incidents that were triggered since the last look. The first good poll only sets the baseline:
 * incidents already open when the console starts were paged long ago, and the panel shows them anyway.
 *
 * <p>Ids are remembered, not just compared with the previous poll, so an incident that drops out of a truncated list
 * and comes back is not new. The memory is bounded; PagerDuty never reopens a resolved incident under the same id.
 */
final class NewIncidents {
    static final int REMEMBERED_IDS = 10_000;
    private static final String TRIGGERED = "triggered";

    private final Map<String, Boolean> seen = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };
    private boolean primed;
    private DeskSnapshot last;

    /** One alert per service with new triggered incidents in this snapshot (grouped: one poll, one alert). */
    List<Alert> next(DeskSnapshot snapshot) {
        if (snapshot == null || snapshot == last || snapshot.fetchedAt() == null
                || last != null && snapshot.fetchedAt().equals(last.fetchedAt())) {
            return List.of();
        }
        last = snapshot;
        Map<String, List<IncidentSummary>> byService = new LinkedHashMap<>();
        for (IncidentSummary incident : snapshot.incidents()) {
            boolean known = seen.put(incident.id(), Boolean.TRUE) != null;
            if (primed && !known && TRIGGERED.equals(incident.status())) {
                byService.computeIfAbsent(serviceKey(incident), k -> new ArrayList<>()).add(incident);
            }
        }
        primed = true;
        List<Alert> alerts = new ArrayList<>(byService.size());
        byService.forEach((service, incidents) -> alerts.add(alert(service, incidents)));
        return alerts;
    }

    private static String serviceKey(IncidentSummary incident) {
        return "service:" + (incident.serviceId() != null ? incident.serviceId() : incident.id());
    }

    private static Alert alert(String key, List<IncidentSummary> incidents) {
        IncidentSummary first = incidents.get(0);
        String service = first.serviceName() == null || first.serviceName().isBlank() ? "a PagerDuty service"
                : Formats.oneLine(first.serviceName(), 80);
        String title = incidents.size() == 1 ? "New incident on " + service
                : incidents.size() + " new incidents on " + service;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(incidents.size(), 3); i++) {
            IncidentSummary incident = incidents.get(i);
            text.append(i == 0 ? "" : "\n").append('#').append(incident.number()).append(' ')
                    .append(Formats.oneLine(incident.title(), 120));
            if ("high".equals(incident.urgency())) {
                text.append(" (high urgency)");
            }
        }
        if (incidents.size() > 3) {
            text.append("\nand ").append(incidents.size() - 3).append(" more");
        }
        return new Alert(Alert.Kind.INCIDENT, key, title, text.toString());
    }
}
