package dev.klaxon.team;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A headless bridge ({@code run}) in a child JVM with a small heap, so that it can be killed with SIGKILL or
 * stopped with SIGSTOP as a crashed or sleeping laptop would be. Its output goes to a log file.
 */
final class BridgeProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private BridgeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static BridgeProcess start(Path config, Path log, Map<String, String> environment, String... extraArgs)
            throws IOException {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBinary, "-Xmx96m",
                "-cp", System.getProperty("java.class.path"), "dev.klaxon.cli.Main", "run", "--config",
                config.toString()));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new BridgeProcess(builder.start(), log);
    }

    long pid() {
        return process.pid();
    }

    /** The member name it uses in its team: {@code user@host/pid}. */
    String memberSuffix() {
        return "/" + process.pid();
    }

    void awaitLog(String needle, Duration timeout) {
        await().atMost(timeout).until(() -> Files.exists(log) && Files.readString(log).contains(needle));
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void pause() {
        Signals.stop(process.pid());
    }

    void resume() {
        Signals.resume(process.pid());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            Signals.resume(process.pid()); // a stopped process does not die of SIGTERM until it runs again
            process.destroyForcibly();
        }
    }
}
