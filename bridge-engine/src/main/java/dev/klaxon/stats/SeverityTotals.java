package dev.klaxon.stats;

import dev.klaxon.decision.Decision;
import dev.klaxon.decision.RuleHit;
import dev.klaxon.message.Severity;

/**
 * Messages counted per severity since the engine started, over all subjects. A message's severity is known only
 * when it was decoded (a page or change rule matched, or the body was explained): its own severity, else the one
 * its page event carried (the route's default); anything else is {@code unknown}, never guessed.
 */
public record SeverityTotals(long critical, long error, long warning, long info, long unknown) {
    public static final SeverityTotals NONE = new SeverityTotals(0, 0, 0, 0, 0);

    /** The count of one severity; null asks for the unknown ones. */
    public long count(Severity severity) {
        if (severity == null) {
            return unknown;
        }
        return switch (severity) {
            case CRITICAL -> critical;
            case ERROR -> error;
            case WARNING -> warning;
            case INFO -> info;
        };
    }

    public long total() {
        return critical + error + warning + info + unknown;
    }

    /** The severity a decision was made with, or null when the message was never decoded far enough to know. */
    static Severity of(Decision decision) {
        if (decision.message() == null) {
            return null;
        }
        if (decision.message().severity() != null) {
            return decision.message().severity();
        }
        for (RuleHit hit : decision.hits()) {
            if (hit.eventBody() != null) {
                return Severity.parse(hit.eventBody().path("payload").path("severity").asText(null)).orElse(null);
            }
        }
        return null;
    }
}
