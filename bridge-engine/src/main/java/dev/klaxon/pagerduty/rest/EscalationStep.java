package dev.klaxon.pagerduty.rest;

import java.util.List;

/**
 * The level "escalate" moves an incident to when no level is given: the one after the level its assignees are on call
 * at, in its escalation policy. PagerDuty's incident carries no current level, so it is read from who is on call now:
 * the highest level of the policy at which an assignee is on call (level 1 when none is, e.g. an incident assigned by
 * hand). The policy's last level is the highest level anyone is on call at; past it there is nothing to escalate to.
 *
 * @param current the level the incident is at, as far as the on-calls say
 * @param next    the level to escalate to; 0 when {@code current} is already the policy's last
 * @param last    the policy's last level with someone on call (0 when the on-calls name none of this policy)
 */
public record EscalationStep(int current, int next, int last) {

    public static EscalationStep of(IncidentSummary incident, List<OnCall> onCalls) {
        int current = 0;
        int last = 0;
        for (OnCall onCall : onCalls) {
            if (incident.escalationPolicyId() == null
                    || !incident.escalationPolicyId().equals(onCall.escalationPolicyId())) {
                continue;
            }
            last = Math.max(last, onCall.escalationLevel());
            if (incident.assigneeIds().contains(onCall.userId())) {
                current = Math.max(current, onCall.escalationLevel());
            }
        }
        current = Math.max(current, 1);
        // A policy the on-calls do not show (none listed, or too many to page through): trust PagerDuty to refuse
        // a level that does not exist rather than refuse here.
        int next = last == 0 || current < last ? current + 1 : 0;
        return new EscalationStep(current, next, last);
    }

    /** True when the incident is at its policy's last level already. */
    public boolean atLastLevel() {
        return next == 0;
    }
}
