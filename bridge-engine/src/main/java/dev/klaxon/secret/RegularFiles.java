package dev.klaxon.secret;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Optional;

/**
 * The one way Klaxon reads a file a person named (the config, a secret file): only a regular file, and only up to a
 * size limit. A FIFO would block the open for ever, {@code /dev/zero} or a sparse file of a gigabyte would fill the
 * heap; each is refused with a reason instead.
 *
 * <p>A symlink is followed: what matters is what it points to, since linking a secret from a vault mount is normal.
 * The type is checked before the file is opened, because opening a FIFO for reading blocks until a writer appears
 * and Java offers no non-blocking open. A file swapped for a FIFO between the check and the open can still block;
 * that needs someone who can already write where the config points, and is left as is.
 *
 * <p>Messages name the file and what is wrong with it, never what it holds.
 */
public final class RegularFiles {

    /** Largest secret file read: a key or token is under 1 KB; a PEM chain a few KB. */
    public static final int SECRET_LIMIT = 64 * 1024;

    private RegularFiles() {
    }

    /**
     * What is wrong with reading {@code file} as a regular file of at most {@code limit} bytes, without opening it;
     * empty when nothing is.
     *
     * @param what what the file is, for the size message: "a secret file", "a config file"
     */
    public static Optional<RefusedFileException> problem(Path file, long limit, String what) {
        BasicFileAttributes attributes;
        try {
            // Follows symlinks on purpose: a link to a regular file is fine, a link to /dev/zero is not.
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return Optional.of(unreadable(e));
        }
        if (!attributes.isRegularFile()) {
            return Optional.of(new RefusedFileException(Reason.NOT_REGULAR,
                    "is " + kind(file, attributes) + ", not a regular file", null));
        }
        if (attributes.size() > limit) {
            return Optional.of(new RefusedFileException(Reason.TOO_LARGE,
                    "is " + attributes.size() + " bytes, over the " + limit + "-byte limit for " + what, null,
                    attributes.size()));
        }
        return Optional.empty();
    }

    /**
     * The bytes of a regular file of at most {@code limit} bytes.
     *
     * @param what what the file is, for the size message: "a secret file", "a config file"
     * @throws RefusedFileException naming why, when the file is missing, unreadable, not regular or too large
     */
    public static byte[] read(Path file, int limit, String what) throws RefusedFileException {
        Optional<RefusedFileException> problem = problem(file, limit, what);
        if (problem.isPresent()) {
            throw problem.get();
        }
        // The size checked above can be stale, and files in /proc say 0: read at most limit + 1 bytes, never more.
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(limit + 1);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // keeps reading: a read may return fewer bytes than are left
            }
            if (buffer.position() > limit) {
                throw new RefusedFileException(Reason.TOO_LARGE,
                        "is over the " + limit + "-byte limit for " + what, null, -1);
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static RefusedFileException unreadable(IOException e) {
        if (e instanceof NoSuchFileException) {
            return new RefusedFileException(Reason.MISSING, "file not found", e);
        }
        if (e instanceof AccessDeniedException) {
            return new RefusedFileException(Reason.NOT_READABLE, "file is not readable (permission denied)", e);
        }
        return new RefusedFileException(Reason.UNREADABLE, "file cannot be read (" + e.getClass().getSimpleName()
                + ")", e);
    }

    /** "a FIFO", "a character device", ...: what a file that is not regular is, so the person knows what they named. */
    private static String kind(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        try {
            // S_IFMT bits of st_mode; only on POSIX systems, hence the generic fallback below.
            int type = ((Integer) Files.getAttribute(file, "unix:mode")) & 0170000;
            switch (type) {
                case 0010000: return "a FIFO";
                case 0020000: return "a character device";
                case 0060000: return "a block device";
                case 0140000: return "a socket";
                default: break;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            // no unix view: say what is certain
        }
        return "a special file (a device, FIFO or socket)";
    }

    /** Why a file was not read. */
    public enum Reason { MISSING, NOT_READABLE, UNREADABLE, NOT_REGULAR, TOO_LARGE }

    /**
     * A file was not read; the message says why and is safe to show (it never holds the file's contents). It reads
     * as the end of a sentence that starts with the file: "is a FIFO, not a regular file".
     */
    public static final class RefusedFileException extends Exception {
        private static final long serialVersionUID = 1L;

        private final Reason reason;
        private final long size;

        RefusedFileException(Reason reason, String message, IOException cause) {
            this(reason, message, cause, -1);
        }

        RefusedFileException(Reason reason, String message, IOException cause, long size) {
            super(message, cause);
            this.reason = reason;
            this.size = size;
        }

        public Reason reason() {
            return reason;
        }

        /** The size the file gave, for {@link Reason#TOO_LARGE}; -1 when unknown (it grew while being read). */
        public long size() {
            return size;
        }
    }
}
