package dev.klaxon.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed without warning loses nothing whose enqueue future had completed. */
class OutboxCrashTest {

    @TempDir
    Path dir;

    @Test
    void committedEventsSurviveAKilledProcess() throws Exception {
        Path file = dir.resolve("outbox.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OutboxCrashChild.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Set<Long> committed = new HashSet<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            // Read until the child has committed a fair number, then kill it while it is still writing.
            String line;
            while (committed.size() < 200 && (line = out.readLine()) != null) {
                committed.add(Long.parseLong(line.substring("committed ".length())));
            }
            child.destroyForcibly();
            // Killing closes our end of its stdout, so ids printed after the last read are not checked here.
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(committed).hasSizeGreaterThanOrEqualTo(200);

        try (Outbox reopened = Outbox.open(file, Clock.systemUTC())) {
            List<Long> pending = reopened.due(Instant.now().plusSeconds(60), Integer.MAX_VALUE - 1, Set.of())
                    .stream().map(PendingEvent::id).toList();
            assertThat(pending).containsAll(committed);
        }
    }
}
