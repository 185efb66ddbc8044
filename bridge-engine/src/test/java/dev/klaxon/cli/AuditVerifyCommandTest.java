package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.audit.AuditFixturesForCli;
import dev.klaxon.audit.AuditLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit verify}: exit 0 and one line when the chain holds, exit 1 and one line naming the first break. */
class AuditVerifyCommandTest {
    @TempDir
    Path home;
    private Path config;
    private Path data;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeAudit() throws Exception {
        data = home.resolve("data");
        config = home.resolve("klaxon.yaml");
        Files.writeString(config, """
                nats:
                  servers: ["nats://127.0.0.1:1"]
                storage:
                  dir: "%s"
                """.formatted(data));
        try (AuditLog audit = AuditLog.open(data.resolve("audit.db"), Clock.systemUTC())) {
            AuditFixturesForCli.recordTwoEventsAndAnAction(audit, Instant.now());
            audit.flush().get();
        }
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.<String, String>of()::get, home,
                Clock.systemUTC());
        return Main.execute(List.of(args), context, new CountDownLatch(0));
    }

    private List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("audit.db"))) {
            connection.createStatement().execute(statement);
        }
    }

    @Test
    void anUntouchedAuditVerifiesByConfigOrByStorageDirectory() {
        assertThat(run("audit", "verify", "--config", config.toString())).isZero();
        assertThat(outLines()).containsExactly("chain verified up to row 4 (4 entries)");
        assertThat(run("audit", "verify", "--storage", data.toString())).isZero();
        assertThat(outLines()).containsExactly("chain verified up to row 4 (4 entries)");
        assertThat(errLines()).isEmpty();
    }

    @Test
    void anEditedRowIsNamedOnOneLineWithExitOne() throws Exception {
        sql("UPDATE forwarded SET body = '{}' WHERE id = 2");

        assertThat(run("audit", "verify", "--storage", data.toString())).isEqualTo(1);

        assertThat(outLines()).isEmpty();
        assertThat(errLines()).singleElement().asString().startsWith("error: chain broken at forwarded row 2 ")
                .contains("differs from what was written", "verified up to row 2");
    }

    @Test
    void anExportWithTheChainVerifiesAndAnEditedLineIsNamed() throws Exception {
        assertThat(run("audit", "export", "--format", "jsonl+chain", "--config", config.toString())).isZero();
        Path copy = Files.writeString(home.resolve("copy.jsonl"), out.toString(StandardCharsets.UTF_8));

        assertThat(run("audit", "verify", "--file", copy.toString())).isZero();
        assertThat(outLines()).containsExactly("chain verified up to row 4 (4 entries)");

        Files.writeString(copy, Files.readString(copy).replace("\"actor\":\"alice\"", "\"actor\":\"mallory\""));
        assertThat(run("audit", "verify", "--file", copy.toString())).isEqualTo(1);
        assertThat(errLines()).singleElement().asString().contains("actions row 1", "line ");
    }

    @Test
    void aMissingDatabaseOrExportIsOneLineAndExitOne() {
        assertThat(run("audit", "verify", "--storage", home.resolve("nowhere").toString())).isEqualTo(1);
        assertThat(errLines()).singleElement().asString().startsWith("error: ").contains("no audit database at");
        assertThat(Files.exists(home.resolve("nowhere"))).isFalse();

        assertThat(run("audit", "verify", "--file", home.resolve("none.jsonl").toString())).isEqualTo(1);
        assertThat(errLines()).singleElement().asString().startsWith("error: cannot read");
    }

    @Test
    void aKeyedChainIsContinuedByCommandsAndVerifiesOnlyWithItsKey() throws Exception {
        Path keyFile = Files.writeString(home.resolve("audit.key"), "0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(keyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path keyedData = home.resolve("keyed");
        Path keyed = Files.writeString(home.resolve("keyed.yaml"), """
                nats:
                  servers: ["nats://127.0.0.1:1"]
                storage:
                  dir: "%s"
                  audit_chain_key_file: "%s"
                """.formatted(keyedData, keyFile));

        // A command writes its audit row with the configured key: the chain it starts verifies with the key.
        assertThat(run("silence", "add", "alerts.prod.>", "--for", "1h", "--reason", "drill", "--config",
                keyed.toString())).isZero();
        assertThat(run("audit", "verify", "--config", keyed.toString())).isZero();
        assertThat(outLines().get(0)).startsWith("chain verified up to row ");
        // Without the key (the directory alone) the same chain does not verify: it cannot be recomputed without it.
        assertThat(run("audit", "verify", "--storage", keyedData.toString())).isEqualTo(1);
        assertThat(errLines()).singleElement().asString().startsWith("error: chain broken at ");
    }

    @Test
    void aKeyFileThatCannotBeUsedIsRefusedNamingTheKey() throws Exception {
        Path keyed = Files.writeString(home.resolve("keyed.yaml"), """
                nats:
                  servers: ["nats://127.0.0.1:1"]
                storage:
                  dir: "%s"
                  audit_chain_key_file: "%s"
                """.formatted(home.resolve("keyed"), home.resolve("no-such.key")));

        assertThat(run("audit", "verify", "--config", keyed.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("storage.audit_chain_key_file")
                .contains("line 5");
    }

    @Test
    void conflictingOrForeignOptionsAreUsageErrors() {
        assertThat(run("audit", "verify", "--storage", data.toString(), "--file", "x.jsonl")).isEqualTo(2);
        assertThat(errLines().get(0)).isEqualTo("error: audit verify takes one of --config, --storage and --file");
        assertThat(run("audit", "verify", "--format", "csv")).isEqualTo(2);
        assertThat(run("audit", "export", "--format", "jsonl", "--file", "x")).isEqualTo(2);
    }
}
