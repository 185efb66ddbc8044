package dev.klaxon.outbox;

import java.time.Instant;

/**
 * One send attempt of one event.
 *
 * @param httpStatus PagerDuty's status, or null when no response came (timeout, reset, refused connection)
 * @param message    PagerDuty's message or the reason for a retry or dead letter
 */
public record AttemptRecord(long eventId, Instant at, Integer httpStatus, AttemptOutcome outcome, String message) {
}
