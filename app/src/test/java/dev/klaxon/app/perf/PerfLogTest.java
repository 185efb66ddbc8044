package dev.klaxon.app.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerfLogTest {
    private static final PerfSample SAMPLE = new PerfSample(Instant.parse("2026-11-29T17:00:01Z"), 59.94, 0.51,
            4.25, 12.5, 20, 0, 123L * 1024 * 1024, 1_000_000, 98_765, 3);

    @TempDir
    Path dir;

    @Test
    void writesOneJsonObjectPerSampleAndLine() throws Exception {
        Path file = dir.resolve("perf.jsonl");
        Files.writeString(file, "left over from an earlier run\n");
        List<String> failures = new CopyOnWriteArrayList<>();
        try (PerfLog log = new PerfLog(file, failures::add)) {
            log.accept(SAMPLE);
            log.accept(SAMPLE);
            // Flushed line by line: readable while the console still runs.
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readAllLines(file).size() == 2);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode json = new ObjectMapper().readTree(lines.get(0));
        assertThat(json.get("at").asText()).isEqualTo("2026-11-29T17:00:01Z");
        assertThat(json.get("fps").asDouble()).isEqualTo(59.9);
        assertThat(json.get("lag_p50_ms").asDouble()).isEqualTo(0.51);
        assertThat(json.get("lag_p99_ms").asDouble()).isEqualTo(4.25);
        assertThat(json.get("lag_max_ms").asDouble()).isEqualTo(12.5);
        assertThat(json.get("probes").asInt()).isEqualTo(20);
        assertThat(json.get("slow_probes").asInt()).isZero();
        assertThat(json.get("heap_used_mb").asDouble()).isEqualTo(123.0);
        assertThat(json.get("processed").asLong()).isEqualTo(1_000_000);
        assertThat(json.get("processed_per_s").asLong()).isEqualTo(98_765);
        assertThat(json.get("lost").asLong()).isEqualTo(3);
        assertThat(failures).isEmpty();
    }

    @Test
    void aFileThatCannotBeWrittenIsReportedOnceAndNeverThrown() {
        Path notAFile = dir; // a directory cannot be opened for writing
        List<String> failures = new CopyOnWriteArrayList<>();
        try (PerfLog log = new PerfLog(notAFile, failures::add)) {
            for (int i = 0; i < 5; i++) {
                log.accept(SAMPLE);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !failures.isEmpty());
        }
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).startsWith("could not write the perf log " + dir);
    }
}
