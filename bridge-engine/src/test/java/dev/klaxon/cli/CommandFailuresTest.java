package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.testing.SpecialFiles;
import dev.klaxon.testing.TmpfsMount;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way a command can fail ends in one line naming the problem and exit 2 (usage, config) or 1 (runtime), never
 * a stack trace; and a storage file that is empty or not SQLite is refused, never silently replaced by a fresh one.
 */
class CommandFailuresTest {
    @TempDir
    Path home;
    private Path config;
    private Path data;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeConfig() throws Exception {
        data = home.resolve("data");
        config = home.resolve("klaxon.yaml");
        writeConfig(data);
    }

    private void writeConfig(Path storageDir) throws Exception {
        // No NATS server listens there: run gets as far as opening storage, which is what these tests are about.
        Files.writeString(config, """
                nats:
                  servers: ["nats://127.0.0.1:1"]
                pagerduty:
                  api_token_env: PD_API_TOKEN
                  from_email: oncall@example.com
                storage:
                  dir: "%s"
                """.formatted(storageDir));
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        List<String> withConfig = new ArrayList<>(List.of(args));
        withConfig.addAll(List.of("--config", config.toString()));
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("PD_API_TOKEN", "token")::get, home,
                Clock.systemUTC());
        // A released latch: "run" stops as soon as it has started, so it returns once storage is open (or not).
        return Main.execute(withConfig, context, new CountDownLatch(0));
    }

    /** One line on standard error that says {@code expected}, and no trace of a stack trace. */
    private void assertOneLineSaying(String... expected) {
        String text = err.toString(StandardCharsets.UTF_8);
        List<String> lines = text.lines().filter(line -> !line.equals("Run with --help for usage.")).toList();
        assertThat(lines).as(text).hasSize(1);
        assertThat(lines.get(0)).startsWith("error: ").contains(expected);
        assertThat(text).doesNotContain("\tat ", "Exception");
    }

    private Path emptyFile(String name) throws Exception {
        Files.createDirectories(data);
        return Files.write(data.resolve(name), new byte[0]);
    }

    private Path garbledFile(String name) throws Exception {
        Files.createDirectories(data);
        return Files.writeString(data.resolve(name), "not a database, whatever the name says\n");
    }

    @Test
    void aSilenceForZeroSecondsIsAUsageError() {
        assertThat(run("silence", "add", "alerts.prod.>", "--for", "0s", "--reason", "drill")).isEqualTo(2);
        assertOneLineSaying("--for must be longer than 0s");
    }

    @Test
    void anAuditExportWithAnInvalidSubjectPatternIsAUsageError() {
        assertThat(run("audit", "export", "--format", "csv", "--subject", "alerts..x")).isEqualTo(2);
        assertOneLineSaying("--subject", "alerts..x");
    }

    @Test
    void acknowledgingAnEmptyIncidentIdIsAUsageError() {
        assertThat(run("incident", "ack", "")).isEqualTo(2);
        assertOneLineSaying("incident ID is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "dead-letters", "resend"})
    void outboxCommandsRefuseAnEmptyOutboxFileAndLeaveItAlone(String command) throws Exception {
        Path outbox = emptyFile("outbox.db");

        int code = command.equals("resend") ? run("outbox", command, "1") : run("outbox", command);

        assertThat(code).isEqualTo(1);
        assertOneLineSaying(outbox.toString(), "is empty (0 bytes)", "mv " + outbox);
        assertThat(Files.size(outbox)).as("not replaced by a fresh database").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "dead-letters", "resend"})
    void outboxCommandsRefuseAFileThatIsNotADatabase(String command) throws Exception {
        Path outbox = garbledFile("outbox.db");

        int code = command.equals("resend") ? run("outbox", command, "1") : run("outbox", command);

        assertThat(code).isEqualTo(1);
        assertOneLineSaying(outbox.toString(), "not a SQLite database");
    }

    @Test
    void silenceListRefusesACorruptSilencesFile() throws Exception {
        Path silences = garbledFile("silences.db");

        assertThat(run("silence", "list")).isEqualTo(1);

        assertOneLineSaying(silences.toString(), "not a SQLite database");
    }

    @Test
    void auditExportRefusesAnEmptyAuditFile() throws Exception {
        Path audit = emptyFile("audit.db");

        assertThat(run("audit", "export", "--format", "jsonl")).isEqualTo(1);

        assertOneLineSaying(audit.toString(), "is empty (0 bytes)");
        assertThat(Files.size(audit)).isZero();
    }

    @Test
    void runRefusesAnEmptyOutboxInsteadOfStartingOverWithoutItsPendingEvents() throws Exception {
        Path outbox = emptyFile("outbox.db");

        assertThat(run("run")).isEqualTo(1);

        assertOneLineSaying(outbox.toString(), "is empty (0 bytes)", "does not start over silently");
        assertThat(Files.size(outbox)).isZero();
    }

    @Test
    void runRefusesAnAuditFileThatIsNotADatabase() throws Exception {
        Path audit = garbledFile("audit.db");

        assertThat(run("run")).isEqualTo(1);

        assertOneLineSaying(audit.toString(), "not a SQLite database");
        assertThat(Files.readString(audit)).startsWith("not a database");
    }

    @Test
    void runWithAStorageDirThatIsAFileIsAConfigError() throws Exception {
        Path file = Files.writeString(home.resolve("a-file"), "");
        writeConfig(file);

        assertThat(run("run")).isEqualTo(2);

        assertOneLineSaying("storage.dir " + file + " is a file, not a directory");
    }

    @Test
    void runOnAReadOnlyStorageDirSaysSoInTheSystemsWords() throws Exception {
        try (TmpfsMount readOnly = TmpfsMount.mount(data, "ro,size=1m")) {
            assertThat(run("run")).isEqualTo(1);

            assertOneLineSaying("cannot open the lock file " + readOnly.dir(), "(Read-only file system)");
        }
    }

    // ---- special files as config or secrets: each was called valid, then hung or ran out of memory ------------

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void eventSendWithARoutingKeyFileThatIsAFifoIsAUsageErrorNotAHang() throws Exception {
        Path fifo = SpecialFiles.fifo(home.resolve("pd-key"));

        assertThat(run("event", "send", "--routing-key-file", fifo.toString(), "--summary", "disk full"))
                .isEqualTo(2);

        assertOneLineSaying("routing key: secret file " + fifo + " is a FIFO, not a regular file");
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void eventSendWithRoutingKeyFileDevZeroIsAUsageErrorNotAnOutOfMemoryError() {
        Path zero = SpecialFiles.zeroDevice();

        assertThat(run("event", "send", "--routing-key-file", zero.toString(), "--summary", "disk full"))
                .isEqualTo(2);

        assertOneLineSaying("routing key: secret file /dev/zero is a character device, not a regular file");
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void runWithARoutingKeyFileThatIsAFifoIsAConfigErrorWithTheKeyAndLine() throws Exception {
        Path fifo = SpecialFiles.fifo(home.resolve("pd-key"));
        Files.writeString(config, """
                nats:
                  servers: ["nats://127.0.0.1:1"]
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.>"
                    action: page
                    routing_key_file: "%s"
                """.formatted(data, fifo));

        assertThat(run("run")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("routes[0].routing_key_file: is a FIFO, not a "
                + "regular file: " + fifo + " (line 8)").doesNotContain("\tat ");
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void configCheckOfAFifoIsAConfigErrorNotAHang() throws Exception {
        config = SpecialFiles.fifo(home.resolve("fifo.yaml"));

        assertThat(run("config", "check")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the file is a FIFO, not a regular file")
                .doesNotContain("\tat ");
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void configCheckOfDevZeroIsAConfigErrorNotAnOutOfMemoryError() {
        config = SpecialFiles.zeroDevice();

        assertThat(run("config", "check")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("the file is a character device, not a regular file").doesNotContain("\tat ");
    }
}
