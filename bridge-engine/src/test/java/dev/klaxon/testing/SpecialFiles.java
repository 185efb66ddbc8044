package dev.klaxon.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Files that are hostile to read, for tests of what Klaxon does when a person names one as a config or a secret:
 * a FIFO (opening it for reading blocks until a writer comes), a character device that never ends, a sparse file
 * of a gigabyte that takes no disk space.
 */
public final class SpecialFiles {

    /** A device that reads as zeros for ever. */
    public static final Path ZERO_DEVICE = Path.of("/dev/zero");

    private SpecialFiles() {
    }

    /** A named pipe at {@code file}, made with mkfifo (Java has no API for it). Skips the test where that fails. */
    public static Path fifo(Path file) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).redirectErrorStream(true).start();
        boolean done = mkfifo.waitFor(10, TimeUnit.SECONDS);
        assumeTrue(done && mkfifo.exitValue() == 0, "mkfifo is not available here");
        return file;
    }

    /** A sparse file of {@code size} bytes: its length is set, no block is written. */
    public static Path sparse(Path file, long size) throws IOException {
        try (RandomAccessFile handle = new RandomAccessFile(file.toFile(), "rw")) {
            handle.setLength(size);
        }
        return file;
    }

    /** Skips the test where {@code /dev/zero} does not exist (not a Unix). */
    public static Path zeroDevice() {
        assumeTrue(Files.exists(ZERO_DEVICE), "no /dev/zero here");
        return ZERO_DEVICE;
    }
}
