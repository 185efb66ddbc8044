package dev.klaxon.outbox;

/** A database failure in the outbox, unchecked so callers of the read methods are not forced into JDBC types. */
public final class OutboxException extends RuntimeException {
    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }

    public OutboxException(String message) {
        super(message);
    }
}
