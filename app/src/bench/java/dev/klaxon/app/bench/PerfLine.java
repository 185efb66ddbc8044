package dev.klaxon.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One line of the console's {@code --perf-log} (see {@code dev.klaxon.app.perf.PerfLog} for the fields). */
record PerfLine(Instant at, double fps, double lagP50, double lagP99, double lagMax, int probes, int slowProbes,
                double heapMb, long processed, long processedPerSecond, long lost) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every complete line written so far; a line being written as we read is skipped. */
    static List<PerfLine> read(Path file) throws IOException {
        List<PerfLine> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            try {
                JsonNode n = JSON.readTree(text);
                lines.add(new PerfLine(Instant.parse(n.get("at").asText()), n.get("fps").asDouble(),
                        n.get("lag_p50_ms").asDouble(), n.get("lag_p99_ms").asDouble(),
                        n.get("lag_max_ms").asDouble(), n.get("probes").asInt(), n.get("slow_probes").asInt(),
                        n.get("heap_used_mb").asDouble(), n.get("processed").asLong(),
                        n.get("processed_per_s").asLong(), n.get("lost").asLong()));
            } catch (IOException | RuntimeException e) {
                // a partial last line
            }
        }
        return lines;
    }

    static PerfLine last(Path file) throws IOException {
        List<PerfLine> lines = read(file);
        return lines.isEmpty() ? null : lines.get(lines.size() - 1);
    }
}
