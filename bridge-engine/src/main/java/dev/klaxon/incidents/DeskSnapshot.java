package dev.klaxon.incidents;

import dev.klaxon.pagerduty.rest.IncidentSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the incident desk knows at one moment. Immutable, so the console can take it from any thread.
 *
 * @param message    for every state but OK: what is wrong and what to do, safe to show (never the token)
 * @param incidents  open incidents (triggered and acknowledged) from the last good poll
 * @param truncated  PagerDuty had more open incidents than one poll reads
 * @param fetchedAt  when {@code incidents} were read; null before the first good poll
 * @param retryAt    when rate limited: the first moment the desk calls PagerDuty again; else null
 * @param byDedupKey the incident each known dedup_key (PagerDuty's alert_key) landed in, bounded
 * @param onCalls    who is on call per service, read less often than the incidents ({@link DeskTiming#onCallPeriod})
 */
public record DeskSnapshot(DeskState state, String message, List<IncidentSummary> incidents, boolean truncated,
                           Instant fetchedAt, Instant retryAt, Map<String, IncidentRef> byDedupKey,
                           OnCalls onCalls) {
    public DeskSnapshot {
        incidents = List.copyOf(incidents);
        byDedupKey = Map.copyOf(byDedupKey);
        onCalls = onCalls == null ? OnCalls.none() : onCalls;
    }

    public DeskSnapshot(DeskState state, String message, List<IncidentSummary> incidents, boolean truncated,
                        Instant fetchedAt, Instant retryAt, Map<String, IncidentRef> byDedupKey) {
        this(state, message, incidents, truncated, fetchedAt, retryAt, byDedupKey, OnCalls.none());
    }

    static DeskSnapshot of(DeskState state, String message) {
        return new DeskSnapshot(state, message, List.of(), false, null, null, Map.of(), OnCalls.none());
    }

    /** The dedup_keys known to have landed in one incident, in no particular order. */
    public List<String> dedupKeysOf(String incidentId) {
        return byDedupKey.entrySet().stream().filter(e -> e.getValue().id().equals(incidentId))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** The incident with this id as last polled, if it is open. */
    public Optional<IncidentSummary> incident(String incidentId) {
        return incidents.stream().filter(i -> i.id().equals(incidentId)).findFirst();
    }

    public Optional<IncidentRef> incidentFor(String dedupKey) {
        return dedupKey == null ? Optional.empty() : Optional.ofNullable(byDedupKey.get(dedupKey));
    }
}
