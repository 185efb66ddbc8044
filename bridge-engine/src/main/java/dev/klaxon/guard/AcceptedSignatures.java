package dev.klaxon.guard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The signatures accepted within the last {@link #RETENTION}, so a captured signed message replayed byte for byte
 * while its timestamp is still fresh is refused. A timestamp is fresh for {@link SignatureVerifier#MAX_AGE} either
 * side of now, so a signature accepted at {@code A} carries a timestamp of at most {@code A + MAX_AGE} and is fresh
 * until at most {@code A + 2 × MAX_AGE}: that is how long it is kept, after which the freshness check alone refuses
 * it.
 *
 * <p>Bounded: at most {@code capacity} signatures. At the cap a new signed message is refused (the publisher sees
 * {@code replay memory full} in the audit) rather than accepted unremembered or by forgetting an entry early, either
 * of which would let a replay page. Entries are kept in acceptance order, so expiry looks only at the oldest: O(1)
 * per message, amortised.
 *
 * <p>Every accepted signature is written to the storage before the message goes on, so a restart within the window
 * still refuses a replay. When the storage cannot be written (full disk, read-only file) the signature is still
 * remembered in memory, the message goes on (an alert matters more than replay protection across a restart that
 * may never come), and one warning is logged per {@link #WARN_INTERVAL} with the count of rows not written.
 *
 * <p>Used by the one processing thread; synchronised anyway as the console may ask for its size.
 */
public final class AcceptedSignatures implements AutoCloseable {
    public static final Duration RETENTION = SignatureVerifier.MAX_AGE.multipliedBy(2);
    /** ~166 signed messages a second sustained over ten minutes; ~16 MB of heap at the cap (measured). */
    public static final int DEFAULT_CAPACITY = 100_000;
    static final Duration WARN_INTERVAL = Duration.ofMinutes(1);
    /** Pruning the file costs a DELETE; doing it once a minute keeps the file at about the window's rows. */
    private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(AcceptedSignatures.class.getName());

    private final AcceptedSignatureStorage storage;
    private final Clock clock;
    private final int capacity;
    private final Map<SignatureKey, AcceptedSignature> firstAccepted = new HashMap<>();
    private final ArrayDeque<AcceptedSignature> inOrder = new ArrayDeque<>();
    private Instant nextPrune;
    private Instant nextWarning = Instant.MIN;
    private long unwritten;

    private AcceptedSignatures(AcceptedSignatureStorage storage, Clock clock, int capacity) {
        this.storage = storage;
        this.clock = clock;
        this.capacity = capacity;
    }

    /** Reads what {@code storage} holds from the window, prunes the rest; takes ownership of {@code storage}. */
    public static AcceptedSignatures open(AcceptedSignatureStorage storage, Clock clock, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        AcceptedSignatures accepted = new AcceptedSignatures(storage, clock, capacity);
        Instant now = clock.instant();
        try {
            storage.pruneBefore(now.minus(RETENTION));
        } catch (GuardStorageException e) {
            LOG.log(Level.WARNING, "could not prune old accepted signatures; they are ignored", e);
        }
        for (AcceptedSignature row : storage.acceptedSince(now.minus(RETENTION))) {
            if (accepted.firstAccepted.putIfAbsent(row.key(), row) == null) {
                accepted.inOrder.addLast(row);
            }
        }
        accepted.nextPrune = now.plus(PRUNE_INTERVAL);
        return accepted;
    }

    /** Remembers a verified signature, or says it was seen within the window or that the memory is full. */
    public ReplayCheck admit(byte[] signature) {
        return admit(signature, 0);
    }

    /**
     * Like {@link #admit(byte[])} for a message of the team's stream. Every member remembers the signatures of the
     * messages it sees, watched or pulled, so whichever member sends next knows what the team accepted; the same
     * stream message seen again (watched as an observer, then pulled as the sender) is therefore not a replay. A
     * replay is a second stream message with the same signature.
     *
     * @param streamSequence the stream message's sequence; 0 on core NATS
     */
    public synchronized ReplayCheck admit(byte[] signature, long streamSequence) {
        SignatureKey key = SignatureKey.of(signature);
        Instant now = clock.instant();
        expire(now);
        AcceptedSignature first = firstAccepted.get(key);
        if (first != null) {
            return streamSequence > 0 && first.streamSequence() == streamSequence ? new ReplayCheck.Fresh()
                    : new ReplayCheck.Replayed(first.acceptedAt());
        }
        if (firstAccepted.size() >= capacity) {
            return new ReplayCheck.Full(capacity);
        }
        AcceptedSignature accepted = new AcceptedSignature(key, now, streamSequence);
        firstAccepted.put(key, accepted);
        inOrder.addLast(accepted);
        persist(accepted, now);
        return new ReplayCheck.Fresh();
    }

    public synchronized int size() {
        return firstAccepted.size();
    }

    private void expire(Instant now) {
        Instant oldestKept = now.minus(RETENTION);
        while (!inOrder.isEmpty() && inOrder.peekFirst().acceptedAt().isBefore(oldestKept)) {
            firstAccepted.remove(inOrder.pollFirst().key());
        }
    }

    private void persist(AcceptedSignature accepted, Instant now) {
        try {
            storage.add(accepted);
            if (!now.isBefore(nextPrune)) {
                nextPrune = now.plus(PRUNE_INTERVAL);
                storage.pruneBefore(now.minus(RETENTION));
            }
        } catch (GuardStorageException e) {
            unwritten++;
            if (!now.isBefore(nextWarning)) {
                nextWarning = now.plus(WARN_INTERVAL);
                LOG.warning("could not store accepted signatures (" + unwritten + " not stored so far): they are "
                        + "remembered in memory only, so a replay after a restart within "
                        + RETENTION.toMinutes() + " min would not be recognised: " + e.getMessage());
            }
        }
    }

    @Override
    public synchronized void close() {
        storage.close();
    }
}
