package dev.klaxon.cli;

import dev.klaxon.pagerduty.rest.EscalationStep;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import dev.klaxon.pagerduty.rest.Listing;
import dev.klaxon.pagerduty.rest.OnCall;
import dev.klaxon.pagerduty.rest.PagerDutyRestClient;
import dev.klaxon.pagerduty.rest.RestResult;
import java.util.List;

/**
 * {@code incident escalate ID} without {@code --level}: to the level after the one the incident is at (see
 * {@link EscalationStep}), as a responder who presses "escalate" means. Who is on call is asked once per command, not
 * once per incident.
 */
final class NextLevelEscalation {
    private RestResult<Listing<OnCall>> onCalls;

    RestResult<String> apply(PagerDutyRestClient client, String id) throws InterruptedException {
        RestResult<IncidentSummary> incident = client.incident(id);
        if (!(incident instanceof RestResult.Ok<IncidentSummary> found)) {
            return incident.map(i -> "");
        }
        if (onCalls == null) {
            onCalls = client.listOnCallsNow();
        }
        if (!(onCalls instanceof RestResult.Ok<Listing<OnCall>> listed)) {
            return onCalls.map(o -> ""); // the same failure, said for this incident
        }
        EscalationStep step = EscalationStep.of(found.value(), listed.value().items());
        if (step.atLastLevel()) {
            return new RestResult.Failure<>(RestResult.Failure.NO_RESPONSE, null, "already at level " + step.current()
                    + ", the last level of its escalation policy with someone on call; nothing escalated (--level N "
                    + "picks a level)", List.of(), null);
        }
        int level = step.next();
        return client.escalate(id, level).map(escalated -> IncidentsCommand.escalated(escalated, level)
                + " (the next after level " + step.current() + ")");
    }
}
