package dev.klaxon.guard;

import java.time.Instant;

/**
 * Held triggers a person released: how many, of which subject, who asked and from which member (in team mode the
 * sender sends them, whoever asked).
 */
public record FloodRelease(String subject, int count, String by, String member, Instant at) {

    /** How the Flood view says it: {@code 7 of alerts.prod.db by ana on ana@lap/7 at 04:10:02}. */
    public String describe(String time) {
        return count + " of " + subject + " by " + by + " on " + member + " at " + time;
    }
}
