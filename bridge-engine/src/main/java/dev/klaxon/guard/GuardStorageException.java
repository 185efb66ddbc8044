package dev.klaxon.guard;

/** The silences file cannot be read or written. */
public final class GuardStorageException extends RuntimeException {
    public GuardStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
