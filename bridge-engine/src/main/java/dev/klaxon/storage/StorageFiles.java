package dev.klaxon.storage;

import dev.klaxon.storage.StorageException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Set;

/**
 * Checks and failures of the storage directory and its SQLite files, each turned into a {@link StorageException}
 * whose message names the path, gives the OS's reason and says what to do.
 *
 * <p>Why check files before SQLite opens them: SQLite treats a zero-byte file (and even a file of a few garbage
 * bytes) as a new, empty database and writes a fresh schema over it. For the outbox that turned "the file was
 * truncated" into "16 pending events silently vanished". An existing file must be a SQLite database, or Klaxon
 * refuses to start and says how to recover.
 */
public final class StorageFiles {
    /** Every SQLite database file starts with these 16 bytes (file format, section 1.3.1). */
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    // SQLite primary result codes (sqlite3.h); extended codes keep them in the low byte.
    private static final int SQLITE_PERM = 3;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_NOTADB = 26;
    /** Below this much free space an I/O error is taken for a full disk: SQLite reports some ENOSPC as IOERR. */
    private static final long NEARLY_FULL_BYTES = 64 * 1024;

    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private StorageFiles() {
    }

    /**
     * Creates the storage directory (and its parents) if needed, readable by its owner only ({@code 0700}: it holds
     * alert bodies and the audit); refuses a path that is not a directory. An existing directory keeps its mode:
     * changing a directory the person made is theirs to decide, and a loose one is warned about instead.
     */
    public static Path ensureDirectory(Path dir) {
        try {
            if (isPosix(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            } else {
                Files.createDirectories(dir);
            }
            return dir;
        } catch (FileAlreadyExistsException e) {
            throw new StorageException(Problem.NOT_A_DIRECTORY, dir, "storage.dir " + dir
                    + " is a file, not a directory (" + OsReason.of(e) + "): set storage.dir to a directory, or move "
                    + "the file away", e);
        } catch (IOException e) {
            Problem problem = problemOf(e);
            String advice = problem == Problem.NOT_A_DIRECTORY ? "part of the path is a file; set storage.dir to a "
                    + "directory" : advice(problem, dir, dir);
            throw new StorageException(problem, dir, "cannot create the storage directory " + dir + " ("
                    + OsReason.of(e) + "): " + advice, e);
        }
    }

    /**
     * Refuses an existing database file that is empty or not SQLite, before SQLite would overwrite it; a missing
     * file is fine (it is created).
     *
     * @param role what the file holds, for the message: "outbox", "audit", "silences"
     */
    public static void checkDatabase(Path file, String role) {
        if (!Files.exists(file)) {
            return;
        }
        String moveAside = "restore it from a backup, or move it aside (mv " + file + " " + file + ".broken) to "
                + "start with a new, empty " + role + " database";
        if (Files.isDirectory(file)) {
            throw new StorageException(Problem.DAMAGED, file, "the " + role + " database " + file
                    + " is a directory (Is a directory): move it aside (mv " + file + " " + file + ".broken)", null);
        }
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(SQLITE_HEADER.length);
        } catch (IOException e) {
            Problem problem = problemOf(e);
            throw new StorageException(problem, file, "cannot read the " + role + " database " + file + " ("
                    + OsReason.of(e) + "): " + advice(problem, file, file.toAbsolutePath().getParent()), e);
        }
        if (start.length == 0) {
            throw new StorageException(Problem.DAMAGED, file, "the " + role + " database " + file
                    + " is empty (0 bytes): it was truncated or replaced, and what it held is gone. Klaxon does not "
                    + "start over silently: " + moveAside, null);
        }
        if (!Arrays.equals(start, SQLITE_HEADER)) {
            throw new StorageException(Problem.DAMAGED, file, "the " + role + " database " + file
                    + " is not a SQLite database (file is not a database): " + moveAside, null);
        }
    }

    /**
     * Makes a database file Klaxon just opened, and its {@code -wal}, {@code -shm} and {@code -journal} files,
     * readable and writable by the owner only ({@code 0600}). Called right after SQLite opens the file and before
     * WAL mode is set where possible: SQLite creates the {@code -wal} and {@code -shm} files with the mode of the
     * database file, so later ones are {@code 0600} too. SQLite itself creates files with the process's umask
     * ({@code 0644} usually), and there is no way to ask it for less. A file that cannot be changed (another
     * owner) is left as is: the permission warning names the storage directory.
     */
    public static void restrictToOwner(Path dbFile) {
        if (!isPosix(dbFile.toAbsolutePath().getParent())) {
            return;
        }
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Path file = dbFile.resolveSibling(dbFile.getFileName() + suffix);
            try {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
                }
            } catch (IOException e) {
                // not ours to change; see above
            }
        }
    }

    /** The attribute that creates a file {@code 0600} where the filesystem has POSIX modes; none elsewhere. */
    public static FileAttribute<?>[] ownerOnlyFile(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return dir != null && isPosix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                : new FileAttribute<?>[0];
    }

    private static boolean isPosix(Path path) {
        return path != null && path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * A SQLite or I/O failure on {@code file}, as a storage failure.
     *
     * @param doing what failed, as the start of the message: "cannot open the outbox"
     */
    public static StorageException failure(Path file, String doing, Exception cause) {
        Path dir = file.toAbsolutePath().getParent();
        Problem problem = problemOf(cause);
        if (problem == Problem.IO && freeBytes(dir) < NEARLY_FULL_BYTES) {
            problem = Problem.FULL;
        }
        String reason = OsReason.of(cause);
        if (problem == Problem.FULL) {
            reason = reason + "; " + freeText(dir);
        }
        return new StorageException(problem, file, doing + " " + file + " (" + reason + "): "
                + advice(problem, file, dir), cause);
    }

    /**
     * True when a SQLite error is about the storage (space, I/O, permissions, a damaged or busy file) rather than
     * about the statement: retrying the same write later can succeed, so it is worth holding on to.
     */
    public static boolean isStorageFailure(SQLException failure) {
        return switch (failure.getErrorCode() & 0xff) {
            case SQLITE_FULL, SQLITE_IOERR, SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_CORRUPT,
                    SQLITE_NOTADB, SQLITE_BUSY, SQLITE_LOCKED -> true;
            default -> false;
        };
    }

    /** True when {@code failure} (or a cause) is a storage failure of any kind. */
    public static boolean isStorage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StorageException) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code failure} (or a cause) is a storage failure of that kind. */
    public static boolean is(Throwable failure, Problem problem) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StorageException storage) {
                return storage.problem() == problem;
            }
        }
        return false;
    }

    private static Problem problemOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return switch (sql.getErrorCode() & 0xff) {
                    case SQLITE_FULL -> Problem.FULL;
                    case SQLITE_CORRUPT, SQLITE_NOTADB -> Problem.DAMAGED;
                    case SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN -> Problem.NOT_WRITABLE;
                    case SQLITE_IOERR -> Problem.IO;
                    default -> Problem.IO;
                };
            }
            if (t instanceof AccessDeniedException) {
                return Problem.NOT_WRITABLE;
            }
            if (t instanceof IOException) {
                String reason = OsReason.of(t);
                if (reason.contains("No space left")) {
                    return Problem.FULL;
                }
                if (reason.contains("Read-only file system") || reason.contains("Permission denied")
                        || reason.contains("Operation not permitted")) {
                    return Problem.NOT_WRITABLE;
                }
                if (reason.contains("Not a directory")) {
                    return Problem.NOT_A_DIRECTORY;
                }
                return Problem.IO;
            }
        }
        return Problem.IO;
    }

    private static String advice(Problem problem, Path file, Path dir) {
        return switch (problem) {
            case FULL -> "free space on the filesystem of " + dir;
            case NOT_WRITABLE -> "make " + dir + " writable for this user, or set storage.dir to a directory that is";
            case DAMAGED -> "restore " + file + " from a backup, or move it aside (mv " + file + " " + file
                    + ".broken) to start with an empty one";
            case NOT_A_DIRECTORY -> "set storage.dir to a directory";
            case IO -> "check the disk and the system log (dmesg)";
        };
    }

    private static long freeBytes(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE; // cannot tell: do not call it full
        }
    }

    private static String freeText(Path dir) {
        long free = freeBytes(dir);
        if (free == Long.MAX_VALUE) {
            return "free space unknown";
        }
        return (free < 1024 * 1024 ? (free / 1024) + " KB" : (free / (1024 * 1024)) + " MB") + " free";
    }
}
