package dev.klaxon.team;

/** What this member tells the team about itself in each heartbeat. */
public record LocalFacts(String pagerDuty, long outboxDepth) {
}
