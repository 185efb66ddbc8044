package dev.klaxon.delivery;

import dev.klaxon.outbox.PendingEvent;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attempts the sender made but could not record in the outbox (a full disk refused the write), with the time the
 * event may be tried again. The retry schedule must not depend on a successful write: the file still says the
 * event is due "now", so without this memory it was sent again at once, over and over (about 80 requests a second
 * for 16 events while the disk was full), and each failed attempt also kept the backoff from growing.
 *
 * <p>Bounded by the number of pending events; an entry goes when the event's next outcome is recorded, since the
 * file then holds its schedule again. Thread-safe: senders write, the scheduler reads.
 */
final class UnrecordedAttempts {
    private record Entry(int count, Instant notBefore) {
    }

    private final Map<Long, Entry> byId = new ConcurrentHashMap<>();

    /** Attempts made so far: those the outbox recorded plus those it could not. Drives the backoff. */
    int attempts(PendingEvent event) {
        Entry entry = byId.get(event.id());
        return event.attempts() + (entry == null ? 0 : entry.count());
    }

    /** An attempt's outcome could not be recorded: count it, and keep the event back until {@code notBefore}. */
    void unrecorded(long id, Instant notBefore) {
        byId.merge(id, new Entry(1, notBefore), (old, next) -> new Entry(old.count() + 1, notBefore));
    }

    /** An outcome was recorded: the outbox holds the event's state and schedule again. */
    void recorded(long id) {
        byId.remove(id);
    }

    /** Events that must not be tried yet, though the outbox may offer them. */
    Set<Long> waiting(Instant now) {
        Set<Long> ids = new HashSet<>();
        byId.forEach((id, entry) -> {
            if (entry.notBefore().isAfter(now)) {
                ids.add(id);
            }
        });
        return ids;
    }

    int size() {
        return byId.size();
    }
}
