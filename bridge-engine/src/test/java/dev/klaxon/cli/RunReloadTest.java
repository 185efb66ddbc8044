package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} as a real child JVM reloads its config on SIGHUP and when the file changes (an editor's save: a
 * temporary file renamed over it), says so in one line, and keeps running on a broken config.
 */
class RunReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Path config;
    private Path log;
    private Process run;

    @BeforeEach
    void start() throws Exception {
        config = dir.resolve("klaxon.yaml");
        Files.writeString(config, yaml("log"));
        log = dir.resolve("run.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        run = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.klaxon.cli.Main", "run",
                "--config", config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(WAIT).until(() -> Files.readString(log).contains("config reloads on SIGHUP and a change of "
                + "klaxon.yaml"));
    }

    @AfterEach
    void stop() throws Exception {
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

    private long count(String text) throws Exception {
        return Files.readString(log).lines().filter(line -> line.contains(text)).count();
    }
}
