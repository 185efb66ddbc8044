package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} as a real child JVM stopped with SIGTERM (what Ctrl-C and systemd do): it must finish closing the
 * engine, which is when events still waiting for storage get their last commit and the audit its last flush. The
 * JVM halts as soon as its shutdown hooks return, so a hook that only says "stop" cut that off half-way.
 */
class RunShutdownTest {
    @TempDir
    Path dir;

    @Test
    void sigtermLetsRunCloseTheEngineAndSaySo() throws Exception {
        Path config = Files.writeString(dir.resolve("klaxon.yaml"), """
                nats:
                  servers: ["nats://127.0.0.1:1"]
                storage:
                  dir: "%s"
                """.formatted(dir.resolve("data")));
        Path log = dir.resolve("run.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process run = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.klaxon.cli.Main",
                "run", "--config", config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("nats connecting"));

            run.destroy(); // SIGTERM

            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log)).contains("stopped; totals");
        } finally {
            run.destroyForcibly();
        }
    }
}
