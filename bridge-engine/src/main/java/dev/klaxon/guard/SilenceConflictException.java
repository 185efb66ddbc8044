package dev.klaxon.guard;

/**
 * A change to a shared silence refused because someone else changed it after the caller read it: compare and
 * set, never last write wins. The message says who changed it and what it is now, so the person can decide again.
 */
public final class SilenceConflictException extends RuntimeException {
    public SilenceConflictException(String message) {
        super(message);
    }
}
