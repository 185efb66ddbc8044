package dev.klaxon.incidents;

import java.util.List;

/**
 * How one operator action went, incident by incident.
 *
 * @param action the audited verb, e.g. {@code incident.acknowledge}
 */
public record ActionResult(String action, List<Outcome> outcomes) {
    public ActionResult {
        outcomes = List.copyOf(outcomes);
    }

    /** @param message PagerDuty's error mapped to words when {@code ok} is false; a short detail otherwise */
    public record Outcome(String incidentId, boolean ok, String message) {
    }

    public List<Outcome> failures() {
        return outcomes.stream().filter(o -> !o.ok()).toList();
    }

    public boolean allOk() {
        return failures().isEmpty();
    }
}
