package dev.klaxon.audit;

/** The audit database could not be opened or read. Writes never throw; they are counted instead. */
public final class AuditException extends RuntimeException {
    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
