package dev.klaxon.guard;

import dev.klaxon.route.SubjectPattern;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where silences live: this laptop's {@code silences.db} ({@link SilenceStore}, core mode) or the team's KV bucket
 * (team mode), which every member reads and changes by compare and set.
 */
public interface SilenceStorage extends AutoCloseable {
    /** Revision meaning "whatever the silence is now": the caller read nothing it wants to hold the change to. */
    long ANY_REVISION = 0;

    /** Stores a new silence and gives it back with its id. */
    Silence add(SubjectPattern pattern, List<PayloadMatcher> matchers, Instant startsAt, Instant endsAt,
                String createdBy, String reason, Instant createdAt);

    /**
     * Ends a silence now; false when there is no such silence or it had already ended.
     *
     * @param seenRevision the revision the caller read, or {@link #ANY_REVISION}
     * @throws SilenceConflictException when it changed since {@code seenRevision}
     */
    boolean expire(long id, long seenRevision, String who, Instant now);

    /**
     * Moves the end of a silence that has not ended yet; false otherwise.
     *
     * @throws SilenceConflictException when it changed since {@code seenRevision}
     */
    boolean extend(long id, Instant newEnd, long seenRevision, String who, Instant now);

    /** Adds what the engine counted since its last call. */
    void addMatches(Map<Long, Long> counts);

    void markExpiredWhileFiring(long id);

    /** Every silence with its counts, newest first. */
    List<SilenceRecord> all();

    /** Runs {@code changed} whenever another process's change arrives (storage that can tell); else never. */
    default void onChange(Runnable changed) {
    }

    /** Where these silences are kept, for messages: {@code silences.db} or the team's bucket. */
    String where();

    @Override
    void close();
}
