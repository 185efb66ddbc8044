package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code run} as a real child JVM reloads its config on SIGHUP and when the file changes (an editor's save: a
 * temporary file renamed over it), says so in one line, and keeps running on a broken config. Started under nohup,
 * which leaves SIGHUP ignored in the JVM whatever handler it installs, it says SIGHUP cannot reload.
 */
class RunReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Path config;
    private Path log;
    private Process run;

    /** Starts {@code run}, under {@code nohup} (which leaves SIGHUP ignored in it) or not. */
    private void startRun(boolean underNohup) throws Exception {
        config = dir.resolve("klaxon.yaml");
        Files.writeString(config, yaml("log"));
        log = dir.resolve("run.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(underNohup ? List.of("nohup") : List.of());
        command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), "dev.klaxon.cli.Main", "run",
                "--config", config.toString()));
        run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @AfterEach
    void stop() throws Exception {
        if (run == null) {
            return;
        }
        run.destroy();
        run.waitFor(30, TimeUnit.SECONDS);
        run.destroyForcibly();
    }

    private String yaml(String action) {
        return """
                nats:
                  servers: ["nats://127.0.0.1:1"]
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.>"
                    action: %s
                """.formatted(dir.resolve("data"), action);
    }

    @Test
    void sighupReloadsAndABrokenFileIsRefusedWithItsLineWhileRunGoesOn() throws Exception {
        // Under nohup this JVM, and so the run it starts, ignore SIGHUP: the next test covers that case.
        assumeFalse(hangupIgnoredHere(), "SIGHUP is ignored in this process (nohup?)");
        startRun(false);
        await().atMost(WAIT).until(() -> Files.readString(log).contains("config reloads on SIGHUP and a change of "
                + "klaxon.yaml"));
        // Written in place: the watcher may see it too, so wait for the first "reloaded" line either way.
        Files.writeString(config, yaml("drop"));
        await().atMost(WAIT).until(() -> Files.readString(log).contains("config reloaded: 1 route(s)"));
        long before = count("config reloaded");

        new ProcessBuilder("kill", "-HUP", Long.toString(run.pid())).start().waitFor();

        await().atMost(WAIT).until(() -> count("config reloaded") > before);
        assertThat(run.isAlive()).as("SIGHUP's default would have killed it").isTrue();

        Path edit = dir.resolve("klaxon.yaml.tmp");
        Files.writeString(edit, yaml("pager"));
        Files.move(edit, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        await().atMost(WAIT).until(() -> Files.readString(log).contains("config reload refused, the running config "
                + "is kept: "));
        assertThat(Files.readString(log)).contains("routes[0].action: expected page, change, log or drop, got "
                + "\"pager\" (line 7)");
        assertThat(run.isAlive()).isTrue();
    }

    @Test
    void underNohupItSaysSighupCannotReloadAndTheFileStillDoes() throws Exception {
        startRun(true);
        await().atMost(WAIT).until(() -> Files.readString(log).contains("config reloads on a change of klaxon.yaml"));
        assertThat(Files.readString(log)).contains("SIGHUP is ignored in this process (started under nohup?), so it "
                + "cannot reload the config").doesNotContain("config reloads on SIGHUP");

        Path edit = dir.resolve("klaxon.yaml.tmp");
        Files.writeString(edit, yaml("drop"));
        Files.move(edit, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        await().atMost(WAIT).until(() -> Files.readString(log).contains("config reloaded: 1 route(s)"));
    }

    private static boolean hangupIgnoredHere() {
        SignalHandler previous = Signal.handle(new Signal("HUP"), SignalHandler.SIG_DFL);
        Signal.handle(new Signal("HUP"), previous);
        return previous == SignalHandler.SIG_IGN;
    }

    private long count(String text) throws Exception {
        return Files.readString(log).lines().filter(line -> line.contains(text)).count();
    }
}
