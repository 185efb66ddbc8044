package dev.klaxon.guard;

import java.time.Instant;
import java.util.Objects;

/**
 * The last change to a silence as the team's shared silences record it: what was done, by whom, from which
 * member, and when. Core mode's silences keep no such record (one laptop, one person).
 *
 * @param action added, extended, expired or moved (from a laptop's own silences into the team's)
 * @param member the Klaxon that made the change ({@code user@host/pid})
 */
public record SilenceChange(String action, String by, String member, Instant at) {
    public SilenceChange {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(at, "at");
    }

    /** How the silences view and {@code silence list} say it: {@code extended by alice on bob@lap/7}. */
    public String describe() {
        return action + " by " + by + " on " + member;
    }
}
