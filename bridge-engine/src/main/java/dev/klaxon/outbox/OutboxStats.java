package dev.klaxon.outbox;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Outbox health for the console status bar and the command line.
 *
 * @param oldestPendingAge now minus the receive time of the oldest pending event; {@link Duration#ZERO} when none
 * @param pendingByRoutingKeyRef pending counts per routing key reference (sorted by reference)
 */
public record OutboxStats(long pending, Duration oldestPendingAge, long deadLetters, long deliveredLastMinute,
                          Map<String, Long> pendingByRoutingKeyRef) {
    public OutboxStats {
        pendingByRoutingKeyRef = Collections.unmodifiableMap(new TreeMap<>(pendingByRoutingKeyRef));
    }
}
