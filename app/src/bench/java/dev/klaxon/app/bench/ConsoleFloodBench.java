package dev.klaxon.app.bench;

import dev.klaxon.natsserver.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The console under a flood: the real console jar on an X display (Xvfb unless one is set) with a real local
 * nats-server, a log-only route over the flood's subjects and {@code --perf-log}; this process publishes the flood
 * and then reads the console's own figures from the perf log (FX-thread lag, frames per second, heap) and, after a
 * full GC, the console's heap through jcmd.
 *
 * <p>Run: {@code mvn -B -o -Pconsole-bench -pl app -am verify -DskipTests} (a quick run:
 * {@code -Dbench.args="--seconds 10 --rate 20000"}); see BENCHMARKS.md.
 */
public final class ConsoleFloodBench {
    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    private ConsoleFloodBench() {
    }

    public static void main(String[] args) throws Exception {
        FloodOptions options;
        try {
            options = FloodOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path work = Files.createTempDirectory("klaxon-console-bench-");
        Path perfLog = work.resolve("perf.jsonl");
        Path consoleOut = work.resolve("console.log");
        String loadBefore = loadAverage();
        Instant started = Instant.now();
        try (NatsServerProcess server = NatsServerProcess.start()) {
            Path config = writeConfig(work, server.url());
            Connection publisher = Nats.connect(new Options.Builder().server(server.url())
                    .connectionName("console-bench-publisher").maxMessagesInOutgoingQueue(50_000).build());
            try (ConsoleProcess console = ConsoleProcess.start(options.jar(), options.consoleJvm(),
                    List.of("--config", config.toString(), "--perf-log", perfLog.toString()), consoleOut)) {
                Report report = run(options, publisher, console, perfLog);
                String summary = report.markdown(options, started, loadBefore, loadAverage(), pipeline(consoleOut));
                System.out.println();
                System.out.println(summary);
                Files.createDirectories(options.out().toAbsolutePath().getParent());
                Files.writeString(options.out(), summary + System.lineSeparator(), StandardCharsets.UTF_8);
                System.out.println("Summary written to " + options.out().toAbsolutePath());
                System.out.println("The console's perf log and output are kept in " + work);
            } catch (RuntimeException | IOException e) {
                System.err.println("Console output (" + consoleOut + "):");
                if (Files.exists(consoleOut)) {
                    System.err.println(Files.readString(consoleOut));
                }
                throw e;
            } finally {
                publisher.close();
            }
        }
    }

    private static Path writeConfig(Path work, String url) throws IOException {
        Path config = work.resolve("console-bench.yaml");
        Files.writeString(config, """
                nats:
                  servers: ["%s"]
                  subjects: ["bench.>"]
                storage:
                  dir: "%s"
                routes:
                  - match: "bench.>"
                    action: log
                """.formatted(url, work.resolve("storage")));
        return config;
    }

    private static Report run(FloodOptions options, Connection publisher, ConsoleProcess console, Path perfLog)
            throws Exception {
        System.out.println("Waiting for the console (pid " + console.pid() + ") to start and subscribe…");
        awaitSubscribed(publisher, console, perfLog);
        Duration settled = awaitSettled(perfLog);
        System.out.printf(Locale.ROOT, "Console settled after %d s%n", settled.toSeconds());
        System.out.printf(Locale.ROOT, "Quiet baseline, %d s…%n", options.idleSeconds());
        Instant idleStart = Instant.now();
        Thread.sleep(options.idleSeconds() * 1000L + 1_100);
        Instant floodStart = Instant.now();
        PerfLine before = PerfLine.last(perfLog);
        System.out.printf(Locale.ROOT, "Flood: %,d msg/s over %,d subjects for %d s…%n", options.rate(),
                options.subjects(), options.seconds());
        PacedPublisher.Result published = new PacedPublisher(publisher, options.subjects())
                .run(options.rate(), Duration.ofSeconds(options.seconds()));
        Instant floodEnd = Instant.now();
        System.out.printf(Locale.ROOT, "Published %,d in %.1f s (%,.0f msg/s); waiting for the console to drain…%n",
                published.published(), published.seconds(), published.rate());
        PerfLine drained = awaitDrained(perfLog, before.processed() + published.published(), console);
        Instant drainedAt = Instant.now();
        console.jcmd("GC.run");
        Thread.sleep(3_500); // a few perf lines after the full GC
        String heapInfo = console.jcmd("GC.heap_info");
        // The histogram runs its own full GC, so its total is the live heap exactly.
        String fullHistogram = console.jcmd("GC.class_histogram");
        String histogram = fullHistogram.lines().limit(15).collect(Collectors.joining("\n"));
        PerfLine afterGc = PerfLine.last(perfLog);
        List<PerfLine> lines = PerfLine.read(perfLog);
        return new Report(published, before, drained, afterGc, heapUsedKb(heapInfo), liveBytes(fullHistogram), heapInfo.trim(), histogram.trim(),
                between(lines, idleStart, floodStart), between(lines, floodStart.plusSeconds(1), floodEnd),
                between(lines, floodStart, drainedAt), Duration.between(floodEnd, drainedAt));
    }

    /** Publishes probes until the console's engine has processed one: its subscription is live at the server. */
    private static void awaitSubscribed(Connection publisher, ConsoleProcess console, Path perfLog)
            throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            if (!console.isAlive()) {
                throw new IllegalStateException("the console exited during startup");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the console did not process a probe within " + STARTUP);
            }
            PerfLine last = PerfLine.last(perfLog);
            if (last != null && last.processed() > 0) {
                return;
            }
            publisher.publish("bench.probe", "{\"summary\":\"probe\",\"severity\":\"info\"}".getBytes(
                    StandardCharsets.UTF_8));
            publisher.flush(Duration.ofSeconds(5));
            Thread.sleep(500);
        }
    }

    /**
     * Startup (class loading, the first CSS and layout passes, a cold JIT) holds the FX thread for seconds on a busy
     * machine; the baseline starts once three seconds in a row ran at least 20 frames, or after a minute.
     */
    private static Duration awaitSettled(Path perfLog) throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            List<PerfLine> lines = PerfLine.read(perfLog);
            if (lines.size() >= 3 && lines.subList(lines.size() - 3, lines.size()).stream()
                    .allMatch(l -> l.fps() >= 20)) {
                break;
            }
            Thread.sleep(1_000);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Until everything published was processed, or the count stops moving for 5 s (messages lost), or 2 min. */
    private static PerfLine awaitDrained(Path perfLog, long expected, ConsoleProcess console) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        PerfLine last = PerfLine.last(perfLog);
        long stillSince = System.nanoTime();
        while (console.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            PerfLine now = PerfLine.last(perfLog);
            if (now.processed() >= expected) {
                return now;
            }
            if (now.processed() != last.processed()) {
                stillSince = System.nanoTime();
            } else if (System.nanoTime() - stillSince > Duration.ofSeconds(5).toNanos()) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static List<PerfLine> between(List<PerfLine> lines, Instant from, Instant to) {
        return lines.stream().filter(l -> !l.at().isBefore(from) && !l.at().isAfter(to)).toList();
    }

    private static long heapUsedKb(String heapInfo) {
        Matcher m = HEAP_USED.matcher(heapInfo);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The "Total instances bytes" line at the end of a class histogram; -1 when absent. */
    private static long liveBytes(String histogram) {
        Matcher m = HISTOGRAM_TOTAL.matcher(histogram);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String pipeline(Path consoleOut) throws IOException {
        if (!Files.exists(consoleOut)) {
            return "unknown";
        }
        return Files.readAllLines(consoleOut).stream().filter(l -> l.startsWith("Initialized prism pipeline"))
                .map(String::trim).findFirst().orElse("unknown");
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String utc(Instant at) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(at);
    }
}
