package dev.klaxon.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A storage directory or database file cannot be used. The message is meant for a person as it stands: it names the
 * file, gives the operating system's (or SQLite's) own reason in parentheses, and says what to do. Unchecked, like
 * the database errors it replaces, so read methods stay free of checked exceptions.
 */
public final class StorageException extends RuntimeException {

    /** What kind of trouble, so callers can choose an exit code or keep retrying without parsing messages. */
    public enum Problem {
        /** {@code storage.dir} names something that is not a directory: a config mistake. */
        NOT_A_DIRECTORY,
        /** The operating system refuses writes: a read-only filesystem, missing permissions. */
        NOT_WRITABLE,
        /** A database file is empty, not SQLite, or damaged: opening it would lose what it held. */
        DAMAGED,
        /** No space left on the filesystem. Clears by itself when space returns. */
        FULL,
        /** Any other input/output failure. */
        IO
    }

    private final Problem problem;
    private final transient Path path;

    public StorageException(Problem problem, Path path, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.path = path;
    }

    public Problem problem() {
        return problem;
    }

    /** The file or directory concerned; may be null when none applies. */
    public Path path() {
        return path;
    }
}
