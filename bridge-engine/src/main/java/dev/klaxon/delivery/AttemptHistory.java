package dev.klaxon.delivery;

import dev.klaxon.audit.DeliveryAttempt;
import dev.klaxon.outbox.Outbox;
import java.util.List;

/** An outbox event's attempts as its audit row records them; the live sender and the start-up catch-up share it. */
final class AttemptHistory {
    private AttemptHistory() {
    }

    static List<DeliveryAttempt> of(Outbox outbox, long eventId) {
        return outbox.attempts(eventId).stream()
                .map(attempt -> new DeliveryAttempt(attempt.at(), attempt.httpStatus(),
                        attempt.message()))
                .toList();
    }
}
