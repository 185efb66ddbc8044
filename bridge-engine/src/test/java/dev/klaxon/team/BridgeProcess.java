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

    /** The stacks of Klaxon's own threads, for a failure message; empty when the process is gone. */
    String klaxonThreads() {
        if (!process.isAlive()) {
            return "";
        }
        String jstack = Path.of(System.getProperty("java.home"), "bin", "jstack").toString();
        try {
            Process dump = new ProcessBuilder(jstack, Long.toString(process.pid())).redirectErrorStream(true).start();
            String all = new String(dump.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            dump.waitFor();
            StringBuilder ours = new StringBuilder();
            for (String thread : all.split("\n\n")) {
                if (thread.startsWith("\"klaxon")) {
                    ours.append(thread).append("\n\n");
                }
            }
            return ours.toString();
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
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
