package dev.klaxon.outbox;

import dev.klaxon.storage.StorageFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;

/**
 * Claims a storage directory for one writer. The outbox keeps each dedup_key's pending events in memory, so two
 * processes writing one outbox would break its order and could send events twice. The lock is an OS file lock:
 * the OS drops it when the process dies, even by {@code kill -9}, so a crash never leaves the directory locked.
 */
public final class StorageLock implements AutoCloseable {
    static final String FILE_NAME = "klaxon.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StorageLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * The lock on {@code dir}, or empty when another engine (in this or another process) holds it.
     *
     * @throws dev.klaxon.storage.StorageException when the lock file cannot be opened (a read-only directory, ...)
     */
    public static Optional<StorageLock> tryAcquire(Path dir) {
        FileChannel channel;
        try {
            Path file = dir.resolve(FILE_NAME);
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    StorageFiles.ownerOnlyFile(file));
        } catch (IOException e) {
            // Usually the first write in the directory, so this is where a read-only or missing directory shows.
            throw StorageFiles.failure(dir.resolve(FILE_NAME), "cannot open the lock file", e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new StorageLock(channel, lock));
            }
        } catch (OverlappingFileLockException e) {
            // Held by another engine in this JVM: just as busy as another process.
        } catch (IOException e) {
            closeQuietly(channel);
            throw StorageFiles.failure(dir.resolve(FILE_NAME), "cannot lock", e);
        }
        closeQuietly(channel);
        return Optional.empty();
    }

    /** Like {@link #tryAcquire} but fails with a message that says what to do. */
    public static StorageLock acquire(Path dir) {
        return tryAcquire(dir).orElseThrow(() -> new StorageInUseException(dir));
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases it as well.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing was written through it; there is nothing to lose.
        }
    }

    /** Another engine (the console or {@code klaxon-bridge run}) is using the directory. */
    public static final class StorageInUseException extends RuntimeException {
        public StorageInUseException(Path dir) {
            super("the storage directory " + dir + " is in use by another Klaxon (the console or "
                    + "\"klaxon-bridge run\"); two engines on one outbox could send events twice. Stop the other one, "
                    + "or give this one its own storage.dir");
        }
    }
}
