package dev.klaxon.cli;

import dev.klaxon.pagerduty.rest.IncidentStatus;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import dev.klaxon.pagerduty.rest.PagerDutyRestClient;
import dev.klaxon.pagerduty.rest.RestResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Acknowledges or resolves many incidents the way PagerDuty asks: bulk {@code PUT /incidents} of at most
 * {@value PagerDutyRestClient#BULK_CHUNK} each, so 10,000 ids are 40 requests instead of 10,000 one at a time (which
 * took minutes and spent the account's 960 requests a minute), while every incident still gets its own outcome for
 * the operator and the audit.
 *
 * <p>A chunk PagerDuty refuses as a whole (400, 404: one bad or unknown id spoils the request) is tried again one
 * incident at a time, so the bad id is named and the others still go. A rate limit, an outage or a refused token is
 * not: it would fail the same way 250 times, so that chunk and the rest get PagerDuty's answer and nothing more is
 * sent.
 */
final class BulkStatusChange {

    /** One incident's result. */
    record Outcome(String id, boolean ok, String message) {
    }

    /** The single-incident call used when a chunk must be taken apart. */
    @FunctionalInterface
    interface OneByOne {
        RestResult<String> apply(PagerDutyRestClient client, String id) throws InterruptedException;
    }

    private final IncidentStatus wanted;
    private final String resolution;
    private final String done;

    private BulkStatusChange(IncidentStatus wanted, String resolution, String done) {
        this.wanted = wanted;
        this.resolution = resolution;
        this.done = done;
    }

    static BulkStatusChange acknowledge() {
        return new BulkStatusChange(IncidentStatus.ACKNOWLEDGED, null, "acknowledged");
    }

    static BulkStatusChange resolve(String resolution) {
        return new BulkStatusChange(IncidentStatus.RESOLVED, resolution, "resolved");
    }

    /** Outcomes in the order of {@code ids}. */
    List<Outcome> apply(PagerDutyRestClient client, List<String> ids, OneByOne single) throws InterruptedException {
        List<Outcome> outcomes = new ArrayList<>(ids.size());
        for (int start = 0; start < ids.size(); start += PagerDutyRestClient.BULK_CHUNK) {
            List<String> chunk = ids.subList(start, Math.min(ids.size(), start + PagerDutyRestClient.BULK_CHUNK));
            RestResult<List<IncidentSummary>> result = wanted == IncidentStatus.ACKNOWLEDGED
                    ? client.bulkAcknowledge(chunk) : client.bulkResolve(chunk, resolution);
            if (result instanceof RestResult.Ok<List<IncidentSummary>> ok) {
                outcomes.addAll(fromAnswer(chunk, ok.value()));
            } else if (refusedForItsContent((RestResult.Failure<?>) result)) {
                for (String id : chunk) {
                    outcomes.add(outcome(id, single.apply(client, id)));
                }
            } else {
                String message = ((RestResult.Failure<?>) result).message();
                ids.subList(start, ids.size()).forEach(id -> outcomes.add(new Outcome(id, false, message)));
                break;
            }
        }
        return outcomes;
    }

    private static boolean refusedForItsContent(RestResult.Failure<?> failure) {
        return failure.httpStatus() == 400 || failure.httpStatus() == 404;
    }

    /**
     * PagerDuty's bulk update skips an incident it cannot move (one already resolved stays resolved) instead of
     * failing the request, so each returned status is checked against the one asked for.
     */
    private List<Outcome> fromAnswer(List<String> chunk, List<IncidentSummary> answer) {
        Map<String, String> statusById = new HashMap<>();
        answer.forEach(incident -> statusById.put(incident.id(), incident.status()));
        List<Outcome> outcomes = new ArrayList<>(chunk.size());
        for (String id : chunk) {
            String status = statusById.get(id.strip());
            if (wanted.wire().equals(status)) {
                outcomes.add(new Outcome(id, true, done));
            } else if (status == null) {
                outcomes.add(new Outcome(id, false, "PagerDuty's answer did not mention it; check with "
                        + "\"incidents list\""));
            } else {
                outcomes.add(new Outcome(id, false, "incident is already " + status));
            }
        }
        return outcomes;
    }

    private static Outcome outcome(String id, RestResult<String> result) {
        if (result instanceof RestResult.Ok<String> ok) {
            return new Outcome(id, true, ok.value());
        }
        return new Outcome(id, false, ((RestResult.Failure<String>) result).message());
    }
}
