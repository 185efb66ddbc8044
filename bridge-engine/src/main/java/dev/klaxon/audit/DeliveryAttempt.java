package dev.klaxon.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One HTTP attempt to deliver an event.
 *
 * @param httpStatus null when no response arrived (timeout, reset, refused)
 * @param message    PagerDuty's response message, or the transport error
 */
public record DeliveryAttempt(Instant at, Integer httpStatus, String message) {
    public DeliveryAttempt {
        Objects.requireNonNull(at, "at");
    }
}
