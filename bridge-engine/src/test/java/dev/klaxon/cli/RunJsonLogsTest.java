package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --log-format json}: every line {@code run} writes is one JSON object a log shipper can parse. */
class RunJsonLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @AfterEach
    void plainLogsAgain() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFormatter(new SimpleFormatter());
        }
    }

    @Test
    void everyLineOfRunIsAJsonObject() throws Exception {
        Path config = Files.writeString(dir.resolve("klaxon.yaml"), """
                nats:
                  servers: ["nats://127.0.0.1:1"]
                storage:
                  dir: "%s"
                """.formatted(dir.resolve("data")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), name -> null, dir,
                Clock.systemUTC());
        CountDownLatch stop = new CountDownLatch(1);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> run = runner.submit(() -> Main.execute(List.of("run", "--config", config.toString(),
                    "--log-format", "json"), context, stop));
            await().atMost(Duration.ofSeconds(30)).until(() -> out.toString(StandardCharsets.UTF_8)
                    .contains("nats connecting"));
            stop.countDown();
            assertThat(run.get()).isZero();
        } finally {
            stop.countDown();
            runner.shutdownNow();
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
        for (String line : lines) {
            JsonNode parsed = JSON.readTree(line);
            assertThat(parsed.fieldNames()).toIterable().contains("time", "level", "logger", "message");
            assertThat(Instant.parse(parsed.get("time").asText())).isNotNull();
        }
        assertThat(lines.get(0)).contains("\"message\":\"klaxon-bridge ");
        assertThat(lines.get(lines.size() - 1)).contains("stopped; totals");
    }

    @Test
    void aMessageWithNewlinesAndQuotesStaysOneLine() throws Exception {
        LogRecord record = new LogRecord(Level.WARNING, "line one\nline \"two\"");
        record.setLoggerName("dev.klaxon.engine.Engine");
        record.setThrown(new IllegalStateException("bad\nthing"));
        String line = new JsonLogFormatter().format(record);
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode parsed = JSON.readTree(line);
        assertThat(parsed.get("message").asText()).isEqualTo("line one\nline \"two\"");
        assertThat(parsed.get("level").asText()).isEqualTo("WARNING");
        assertThat(parsed.get("error").asText()).isEqualTo("java.lang.IllegalStateException: bad\nthing");
    }
}
