package dev.klaxon.incidents;

import dev.klaxon.pagerduty.rest.OnCall;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Who is on call for each service, as last read: service → its escalation policy → the on-calls of that policy,
 * lowest level first.
 *
 * @param byService  service id → on-calls; a service missing here is one PagerDuty did not list (yet)
 * @param fetchedAt  when it was read; null before the first read
 * @param problem    why the last read failed, in words safe to show; null when it worked
 */
public record OnCalls(Map<String, List<OnCall>> byService, Instant fetchedAt, String problem) {
    public OnCalls {
        byService = Map.copyOf(byService);
    }

    static OnCalls none() {
        return new OnCalls(Map.of(), null, null);
    }

    /** The on-calls for one service, lowest escalation level first; empty when unknown. */
    public List<OnCall> forService(String serviceId) {
        return serviceId == null ? List.of() : byService.getOrDefault(serviceId, List.of());
    }

    OnCalls failed(String why) {
        return new OnCalls(byService, fetchedAt, why);
    }
}
