package dev.klaxon.decision;

import dev.klaxon.message.AlertMessage;
import java.time.Instant;
import java.util.List;

/**
 * Why a message was or was not forwarded: the outcome, a one-line reason, and the routes that matched.
 *
 * @param message the decoded message; null when it was rejected before decoding succeeded
 */
public record Decision(Instant at, String subject, Outcome outcome, String reason, List<RuleHit> hits,
                       AlertMessage message) {
    public Decision {
        hits = hits == null ? List.of() : List.copyOf(hits);
    }

    public static Decision rejected(Instant at, String subject, String reason) {
        return new Decision(at, subject, Outcome.REJECTED, reason, List.of(), null);
    }
}
