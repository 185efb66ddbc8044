package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config check} and {@code run} say when a secret file or the storage directory is readable by others, as
 * ssh does, and go on; files Klaxon creates are its owner's alone. Tests run as root here: the modes and the words
 * are checked, not who can read.
 */
class PermissionWarningsCommandTest {
    @TempDir
    Path home;
    private Path config;
    private Path key;
    private Path data;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeConfig() throws Exception {
        config = home.resolve("klaxon.yaml");
        data = home.resolve("data");
        key = Files.writeString(home.resolve("pd-key"), "0123456789abcdef0123456789abcdef");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        // No NATS server listens there: run starts, says what it has to say, and stops at the released latch.
        Files.writeString(config, """
                nats:
                  servers: ["nats://127.0.0.1:1"]
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_file: "%s"
                """.formatted(data, key));
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.<String, String>of()::get, home,
                Clock.systemUTC());
        return Main.execute(List.of(args), context, new CountDownLatch(0));
    }

    private String warning() {
        return "warning: secret file " + key + " is readable by group and others (mode 0644): only you should be "
                + "able to read it; run: chmod 600 " + key;
    }

    @Test
    void configCheckWarnsAboutAWorldReadableRoutingKeyFileAndStillSaysValid() {
        assertThat(run("config", "check", "--config", config.toString())).as(err.toString()).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("is valid").contains(warning());
    }

    @Test
    void configCheckSaysNothingOnceTheFileIsChmodded() throws Exception {
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

        assertThat(run("config", "check", "--config", config.toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("warning");
    }

    @Test
    void runLogsTheWarningAtStartAndRuns() {
        assertThat(run("run", "--config", config.toString())).as(err.toString()).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains(" " + warning());
    }

    @Test
    void runWarnsAboutAStorageDirectoryOthersCanRead() throws Exception {
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(run("run", "--config", config.toString())).as(err.toString()).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains(" warning: storage directory " + data + " is "
                + "readable by group and others (mode 0755): it holds alert bodies and the audit; run: chmod 700 "
                + data);
    }

    @Test
    void runCreatesTheStorageDirectoryAndItsFilesForItsOwnerOnly() throws Exception {
        assertThat(run("run", "--config", config.toString())).as(err.toString()).isZero();

        assertThat(mode(data)).isEqualTo("rwx------");
        for (String file : List.of("outbox.db", "audit.db", "silences.db", "klaxon.lock")) {
            assertThat(mode(data.resolve(file))).as(file).isEqualTo("rw-------");
        }
    }

    @Test
    void silenceAddCreatesTheSilencesFileForItsOwnerOnly() throws Exception {
        assertThat(run("silence", "add", "alerts.prod.db.>", "--for", "1h", "--reason", "drill", "--config",
                config.toString())).as(err.toString()).isZero();

        assertThat(mode(data.resolve("silences.db"))).isEqualTo("rw-------");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
