package dev.klaxon.pagerduty.rest;

import java.time.Instant;

/** Who is on call now at one level of one escalation policy; {@code start}/{@code end} are null for "always". */
public record OnCall(String userId, String userName, String escalationPolicyId, String escalationPolicyName,
                     int escalationLevel, Instant start, Instant end) {
}
