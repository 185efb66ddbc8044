package dev.klaxon.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, small filesystem for fault tests: a tmpfs mounted on a test's directory, so "disk full" and "read-only"
 * are the kernel's answers (ENOSPC, EROFS), not a mock's. Mounting needs root; elsewhere the test is skipped with an
 * assumption that says so. Close unmounts.
 */
public final class TmpfsMount implements AutoCloseable {
    private final Path dir;

    private TmpfsMount(Path dir) {
        this.dir = dir;
    }

    /**
     * Mounts a tmpfs with {@code options} (e.g. {@code size=2m} or {@code ro,size=1m}) on {@code dir}, creating it.
     * Skips the calling test (a JUnit assumption) when that is not possible here.
     */
    public static TmpfsMount mount(Path dir, String options) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root to mount a tmpfs (a real small filesystem); run the tests as root to include this one");
        Result result = run("mount", "-t", "tmpfs", "-o", options, "klaxon-test", dir.toString());
        assumeTrue(result.code() == 0, "cannot mount a tmpfs on " + dir + " here: " + result.output());
        return new TmpfsMount(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Changes the mount's options in place, files kept: {@code size=64m} is "space came back". */
    public void remount(String options) throws IOException, InterruptedException {
        Result result = run("mount", "-o", "remount," + options, dir.toString());
        if (result.code() != 0) {
            throw new IOException("remount " + options + " of " + dir + " failed: " + result.output());
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Result result = run("umount", dir.toString());
        if (result.code() != 0) {
            // Something still has a file open (a leaked connection): detach now, the kernel frees it later.
            run("umount", "-l", dir.toString());
        }
    }

    private record Result(int code, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        List<String> words = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(words).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, String.join(" ", words) + " did not finish within 30 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return new Result(process.exitValue(), output);
    }
}
