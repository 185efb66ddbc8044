package dev.klaxon.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * Something a person did through the console or the command line.
 *
 * @param who     the configured {@code from_email}, or the OS user when there is none
 * @param what    a dotted verb such as {@code incident.acknowledge}, {@code silence.add}, {@code event.send}
 * @param target  what it was done to (incident id, silence pattern, ...)
 * @param message the error text when {@code ok} is false; optional detail otherwise
 */
public record OperatorAction(Instant at, String who, String what, String target, boolean ok, String message) {
    public OperatorAction {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(what, "what");
    }

    public static OperatorAction succeeded(Instant at, String who, String what, String target) {
        return new OperatorAction(at, who, what, target, true, null);
    }

    public static OperatorAction failed(Instant at, String who, String what, String target, String error) {
        return new OperatorAction(at, who, what, target, false, error);
    }
}
