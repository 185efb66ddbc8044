package dev.klaxon.incidents;

import dev.klaxon.pagerduty.rest.IncidentStatus;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * dedup_key → incident, learnt from open incidents: the incident key at once, and the alert keys of each incident
 * once its alerts have been looked up (only once per incident, a few per poll). An incident that leaves the open
 * list was resolved; its keys keep pointing at it, now marked resolved. Bounded: the oldest keys go first.
 * Not thread-safe: only the desk's thread uses it.
 */
final class AlertKeyIndex {
    private final int capacity;
    private final LinkedHashMap<String, IncidentRef> byKey = new LinkedHashMap<>();
    private final Map<String, Set<String>> keysById = new HashMap<>();
    private final Set<String> lookedUp = new HashSet<>();
    private Map<String, IncidentSummary> open = Map.of();

    AlertKeyIndex(int capacity) {
        this.capacity = capacity;
    }

    /** Open incidents whose alerts have not been looked up yet, at most {@code max}, in listing order. */
    List<String> needingLookup(List<IncidentSummary> incidents, int max) {
        List<String> ids = new ArrayList<>();
        for (IncidentSummary incident : incidents) {
            if (ids.size() >= max) {
                break;
            }
            if (!lookedUp.contains(incident.id())) {
                ids.add(incident.id());
            }
        }
        return ids;
    }

    void lookedUp(String incidentId, List<String> alertKeys) {
        lookedUp.add(incidentId);
        keysById.computeIfAbsent(incidentId, id -> new LinkedHashSet<>()).addAll(alertKeys);
    }

    /**
     * @param complete the listing holds every open incident; only then does a missing one count as resolved
     */
    void update(List<IncidentSummary> incidents, boolean complete) {
        // A partial listing cannot tell "resolved" from "beyond the page cap": what was open stays open until a
        // complete listing says otherwise.
        Map<String, IncidentSummary> now = complete ? new LinkedHashMap<>() : new LinkedHashMap<>(open);
        incidents.forEach(incident -> now.put(incident.id(), incident));
        if (complete) {
            for (IncidentSummary gone : open.values()) {
                if (!now.containsKey(gone.id())) {
                    IncidentRef resolved = new IncidentRef(gone.id(), gone.number(), IncidentStatus.RESOLVED.wire());
                    keysById.getOrDefault(gone.id(), Set.of()).forEach(key -> put(key, resolved));
                    keysById.remove(gone.id());
                    lookedUp.remove(gone.id());
                }
            }
        }
        for (IncidentSummary incident : incidents) {
            Set<String> keys = keysById.computeIfAbsent(incident.id(), id -> new LinkedHashSet<>());
            if (incident.incidentKey() != null && !incident.incidentKey().isBlank()) {
                keys.add(incident.incidentKey());
            }
            IncidentRef ref = new IncidentRef(incident.id(), incident.number(), incident.status());
            keys.forEach(key -> put(key, ref));
        }
        open = now;
    }

    Map<String, IncidentRef> view() {
        return Map.copyOf(byKey);
    }

    private void put(String key, IncidentRef ref) {
        byKey.remove(key); // re-inserted so the newest keys are the last to be evicted
        byKey.put(key, ref);
        while (byKey.size() > capacity) {
            byKey.remove(byKey.keySet().iterator().next());
        }
    }
}
