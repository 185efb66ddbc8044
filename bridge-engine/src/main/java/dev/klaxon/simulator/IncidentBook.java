package dev.klaxon.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Incident state across calls, following PagerDuty's matching rules (FACTS.md section 1): events with the same
 * dedup_key apply to the open alert only under the same routing key; acknowledge/resolve with no open alert are
 * dropped; after a resolve, a trigger opens a new incident. Not thread-safe: the double guards it.
 */
final class IncidentBook {
    enum Effect { OPENED, REPEATED, ACKNOWLEDGED, RESOLVED, DROPPED }

    private record AlertKey(String routingKey, String dedupKey) {
    }

    private final List<Incident> incidents = new ArrayList<>();
    private final Map<AlertKey, Integer> open = new HashMap<>();
    private int dropped;

    Effect trigger(String routingKey, String dedupKey, String summary, String severity, Instant now) {
        AlertKey key = new AlertKey(routingKey, dedupKey);
        Integer index = open.get(key);
        if (index != null) {
            incidents.set(index, incidents.get(index).repeated(now));
            return Effect.REPEATED;
        }
        int number = incidents.size() + 1;
        incidents.add(new Incident("PDBL" + number, number, routingKey, dedupKey, summary, severity,
                Incident.Status.TRIGGERED, 1, 1, now, now));
        open.put(key, incidents.size() - 1);
        return Effect.OPENED;
    }

    Effect acknowledge(String routingKey, String dedupKey, Instant now) {
        Integer index = open.get(new AlertKey(routingKey, dedupKey));
        if (index == null) {
            dropped++;
            return Effect.DROPPED;
        }
        incidents.set(index, incidents.get(index).withStatus(Incident.Status.ACKNOWLEDGED, now));
        return Effect.ACKNOWLEDGED;
    }

    Effect resolve(String routingKey, String dedupKey, Instant now) {
        Integer index = open.remove(new AlertKey(routingKey, dedupKey));
        if (index == null) {
            dropped++;
            return Effect.DROPPED;
        }
        incidents.set(index, incidents.get(index).withStatus(Incident.Status.RESOLVED, now));
        return Effect.RESOLVED;
    }

    /** The incident with this REST id, or null. */
    Incident byId(String id) {
        Integer index = indexOf(id);
        return index == null ? null : incidents.get(index);
    }

    /**
     * A status change made through the REST API. Resolving closes the alert, so a later trigger with the same
     * dedup_key opens a new incident, exactly as after a resolve event.
     */
    Incident changeStatus(String id, Incident.Status status, Instant now) {
        Integer index = indexOf(id);
        if (index == null) {
            throw new IllegalArgumentException("no incident " + id);
        }
        Incident changed = incidents.get(index).withStatus(status, now);
        incidents.set(index, changed);
        if (status == Incident.Status.RESOLVED) {
            open.values().remove(index);
        }
        return changed;
    }

    private Integer indexOf(String id) {
        // Ids are "PDBL" + number, numbers count from 1 in opening order.
        if (id == null || !id.startsWith("PDBL")) {
            return null;
        }
        try {
            int index = Integer.parseInt(id.substring(4)) - 1;
            return index >= 0 && index < incidents.size() ? index : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    List<Incident> all() {
        return List.copyOf(incidents);
    }

    int dropped() {
        return dropped;
    }
}
