package dev.klaxon.guard;

import java.time.Instant;
import java.util.List;

/** Where accepted signatures are kept across restarts; the SQLite file in production, a list in tests. */
public interface AcceptedSignatureStorage extends AutoCloseable {
    /** The signatures accepted at or after {@code since}, oldest first. */
    List<AcceptedSignature> acceptedSince(Instant since);

    /** @throws GuardStorageException when it cannot be written (full disk, read-only file) */
    void add(AcceptedSignature accepted);

    /** Forgets what was accepted before {@code before}: those can never be fresh again. */
    void pruneBefore(Instant before);

    @Override
    void close();
}
