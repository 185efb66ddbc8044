package dev.klaxon.bench;

import dev.klaxon.nats.IngestSettings;
import dev.klaxon.natsserver.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Engine throughput in log-only mode against a bare counting jnats Dispatcher, both fed by the same publisher from
 * the same local nats-server in the same JVM run. Runs alternate (bare, engine, bare, engine, ...) after warm-up
 * runs, so drift in machine load hits both alike; the report gives every run and the medians.
 *
 * <p>Run: {@code mvn -q install -DskipTests && mvn -q -Pbench -pl bridge-engine verify -DskipTests}. Other modes:
 * {@code -Dbench.args="outbox [events rounds threads]"} ({@link OutboxBenchmark}),
 * {@code -Dbench.args="latency [rate seconds warm-up-seconds]"} ({@link LatencyBenchmark}) and
 * {@code -Dbench.args="team [rounds burst rate seconds]"} ({@link TeamModeBenchmark}),
 * {@code -Dbench.args="replay [rounds messages]"} ({@link ReplayBenchmark}).
 */
public final class BenchMain {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final double TARGET_RATIO = 0.9;
    /** The engine's one processing thread (see ProcessingLoop). */
    private static final String PROCESSING_THREAD = "klaxon-engine";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        // Maven passes ${bench.args} as one argument; a leading mode word picks another benchmark.
        String[] words = String.join(" ", args).trim().split("\\s+");
        String[] rest = words.length > 1 ? Arrays.copyOfRange(words, 1, words.length) : new String[0];
        switch (words[0]) {
            case "outbox" -> {
                OutboxBenchmark.main(rest);
                return;
            }
            case "latency" -> {
                LatencyBenchmark.main(rest);
                return;
            }
            case "team" -> {
                TeamModeBenchmark.main(rest);
                return;
            }
            case "replay" -> {
                ReplayBenchmark.main(rest);
                return;
            }
            default -> { }
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.HelpRequested help) {
            System.out.println(help.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        MachineInfo machine = MachineInfo.collect();
        System.out.println("## Klaxon benchmark: engine (log-only) vs bare jnats Dispatcher");
        System.out.println();
        System.out.println(machine.markdown());
        System.out.println();
        AlertCorpus corpus = AlertCorpus.standard();
        Path work = Files.createTempDirectory("klaxon-bench-");
        try (NatsServerProcess server = NatsServerProcess.start()) {
            Connection publisher = Nats.connect(new Options.Builder().server(server.url())
                    .connectionName("bench-publisher").build());
            try {
                run(options, corpus, server.url(), publisher, work);
            } finally {
                publisher.close();
            }
        } finally {
            deleteRecursively(work);
        }
    }

    private static void run(BenchOptions options, AlertCorpus corpus, String url, Connection publisher, Path work)
            throws Exception {
        int window = options.window() > 0 ? options.window() : defaultWindow(engineQueueCapacity(url, work));
        System.out.printf(Locale.ROOT, "In-flight window %,d messages%n", window);
        FloodDriver driver = new FloodDriver(publisher, corpus, window, RUN_TIMEOUT);
        // Warm-up runs let the JIT compile both paths (the engine's is long) before anything is measured.
        for (int i = 1; i <= options.warmupRounds(); i++) {
            FloodDriver.Result engine = runEngine(driver, url, work, options.warmup()).result();
            FloodDriver.Result bare = runBare(driver, url, options.warmup()).result();
            System.out.printf(Locale.ROOT, "warm-up %d (%,d messages): bare %s | engine %s%n", i, options.warmup(),
                    describe(bare), describe(engine));
        }
        double ceiling = publisherCeiling(publisher, corpus, options.messages());
        System.out.printf(Locale.ROOT, "Publisher alone (no subscriber, same corpus): %,.0f msg/s%n%n", ceiling);

        Recording recording = startRecording(options.jfr());
        List<FloodDriver.Result> bareRuns = new ArrayList<>();
        List<FloodDriver.Result> engineRuns = new ArrayList<>();
        List<RunCost> bareCosts = new ArrayList<>();
        List<RunCost> engineCosts = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            Measured bare = runBare(driver, url, options.messages());
            Measured engine = runEngine(driver, url, work, options.messages());
            bareRuns.add(bare.result());
            engineRuns.add(engine.result());
            bareCosts.add(bare.cost());
            engineCosts.add(engine.cost());
            System.out.printf(Locale.ROOT, "round %d: bare %s | engine %s%n", round, describe(bareRuns.get(round - 1)),
                    describe(engineRuns.get(round - 1)));
        }
        stopRecording(recording, options.jfr());
        System.out.println();
        System.out.println(table(bareRuns, engineRuns, options.messages()));
        System.out.println();
        System.out.println(summary(bareRuns, engineRuns, ceiling));
        System.out.println();
        System.out.println(costTable(bareCosts, engineCosts));
        System.out.printf(Locale.ROOT, "%nLoad average at end (1/5/15 min): %s%n", MachineInfo.currentLoadAverage());
    }

    /** One run's throughput and what it cost this JVM. */
    private record Measured(FloodDriver.Result result, RunCost cost) { }

    private static Measured runBare(FloodDriver driver, String url, long messages) throws Exception {
        try (BareDispatcherTarget bare = new BareDispatcherTarget(url, "alerts.>")) {
            RunCost.Start start = new RunCost.Start();
            FloodDriver.Result result = driver.run(bare, messages);
            return new Measured(result, start.since(result.messages(), null));
        }
    }

    /** A fresh engine per run, as a restarted bridge would be: empty stats, its own storage directory. */
    private static Measured runEngine(FloodDriver driver, String url, Path work, long messages)
            throws Exception {
        try (EngineTarget engine = new EngineTarget(url, Files.createTempDirectory(work, "engine-"))) {
            engine.awaitConnected(Duration.ofSeconds(30));
            RunCost.Start start = new RunCost.Start();
            FloodDriver.Result result = driver.run(engine, messages);
            RunCost cost = start.since(result.messages(), PROCESSING_THREAD);
            long notLogged = engine.notLogged();
            if (notLogged > 0) {
                // In log-only mode every decision is "logged"; anything else means the flood is not what we think.
                System.out.println("WARNING: " + notLogged + " engine decisions were not 'logged': "
                        + engine.snapshot().lastReasons());
            }
            return new Measured(result, cost);
        }
    }

    private static int engineQueueCapacity(String url, Path work) throws Exception {
        try (EngineTarget engine = new EngineTarget(url, Files.createTempDirectory(work, "engine-"))) {
            int capacity = engine.queueCapacity();
            System.out.printf(Locale.ROOT, "Engine queue capacity %,d messages%n", capacity);
            return capacity;
        }
    }

    /**
     * Everything in flight may sit in the engine's client-side pending buffer or its queue at once, so the window
     * stays well under both limits; it is still hundreds of milliseconds of work, so the consumer never runs dry.
     */
    private static int defaultWindow(int queueCapacity) {
        long pendingLimit = IngestSettings.defaults().pendingMessageLimit();
        return (int) Math.max(1_000, Math.min(queueCapacity / 2, pendingLimit * 8 / 10));
    }

    /** The publisher's own limit: the corpus sent to a subject nobody subscribes to (the server discards it). */
    private static double publisherCeiling(Connection publisher, AlertCorpus corpus, long messages) throws Exception {
        long start = System.nanoTime();
        for (long i = 0; i < messages; i++) {
            publisher.publish("bench.nobody", corpus.get(i).body());
        }
        publisher.flush(RUN_TIMEOUT);
        return messages / ((System.nanoTime() - start) / 1e9);
    }

    private static String describe(FloodDriver.Result r) {
        return String.format(Locale.ROOT, "%,.0f msg/s (%.2f s; %d progress polls took %.0f ms)%s", r.rate(),
                r.seconds(), r.polls(), r.pollSeconds() * 1000, r.valid() ? "" : " INVALID(" + problems(r) + ")");
    }

    private static String problems(FloodDriver.Result r) {
        List<String> problems = new ArrayList<>();
        if (!r.complete()) {
            problems.add("incomplete: " + r.messages() + " processed");
        }
        if (r.lost() > 0) {
            problems.add(r.lost() + " lost");
        }
        if (r.slowConsumerEvents() > 0) {
            problems.add(r.slowConsumerEvents() + " slow-consumer events");
        }
        return String.join(", ", problems);
    }

    private static String table(List<FloodDriver.Result> bare, List<FloodDriver.Result> engine, long messages) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%,d messages of %d bytes over %,d subjects per run.%n%n", messages,
                AlertCorpus.BODY_BYTES, AlertCorpus.SUBJECTS));
        out.append("| Round | Bare msg/s | Engine msg/s | Engine / bare | Bare publish msg/s | Engine publish msg/s "
                + "| Lost bare / engine | Engine progress polls |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---|---:|\n");
        for (int i = 0; i < bare.size(); i++) {
            FloodDriver.Result b = bare.get(i);
            FloodDriver.Result e = engine.get(i);
            out.append(String.format(Locale.ROOT,
                    "| %d | %,.0f%s | %,.0f%s | %.2f | %,.0f | %,.0f | %d / %d | %d in %.0f ms |%n",
                    i + 1, b.rate(), b.valid() ? "" : " ⚠", e.rate(), e.valid() ? "" : " ⚠", e.rate() / b.rate(),
                    b.publishRate(), e.publishRate(), b.lost(), e.lost(), e.polls(), e.pollSeconds() * 1000));
        }
        out.append(String.format(Locale.ROOT, "| **median** | **%,.0f** | **%,.0f** | **%.2f** | %,.0f | %,.0f | | |",
                median(bare, FloodDriver.Result::rate), median(engine, FloodDriver.Result::rate),
                pairedRatio(bare, engine),
                median(bare, FloodDriver.Result::publishRate), median(engine, FloodDriver.Result::publishRate)));
        return out.toString();
    }

    private static String costTable(List<RunCost> bare, List<RunCost> engine) {
        StringBuilder out = new StringBuilder("Cost per message (CPU from the JVM's own counters; the publisher's share"
                + " is the same in both kinds of run):\n\n");
        out.append("| Round | Bare JVM CPU ns | Engine JVM CPU ns | Processing thread CPU ns | Processing thread "
                + "allocated bytes | GC pauses bare / engine ms |\n|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < bare.size(); i++) {
            out.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.0f | %.1f | %d / %d |%n", i + 1,
                    bare.get(i).processCpuNanosPerMessage(), engine.get(i).processCpuNanosPerMessage(),
                    engine.get(i).threadCpuNanosPerMessage(), engine.get(i).threadBytesPerMessage(),
                    bare.get(i).gcPauseMillis(), engine.get(i).gcPauseMillis()));
        }
        out.append(String.format(Locale.ROOT,
                "| **median** | **%.0f** | **%.0f** | **%.0f** | **%.1f** | **%.0f / %.0f** |",
                medianOf(bare, RunCost::processCpuNanosPerMessage), medianOf(engine, RunCost::processCpuNanosPerMessage),
                medianOf(engine, RunCost::threadCpuNanosPerMessage), medianOf(engine, RunCost::threadBytesPerMessage),
                medianOf(bare, RunCost::gcPauseMillis), medianOf(engine, RunCost::gcPauseMillis)));
        return out.toString();
    }

    private static double medianOf(List<RunCost> costs, ToDoubleFunction<RunCost> value) {
        double[] sorted = costs.stream().mapToDouble(value).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String summary(List<FloodDriver.Result> bare, List<FloodDriver.Result> engine, double ceiling) {
        double bareMedian = median(bare, FloodDriver.Result::rate);
        double engineMedian = median(engine, FloodDriver.Result::rate);
        double ratio = pairedRatio(bare, engine);
        List<Double> perRound = new ArrayList<>();
        for (int i = 0; i < bare.size(); i++) {
            perRound.add(engine.get(i).rate() / bare.get(i).rate());
        }
        perRound.sort(Comparator.naturalOrder());
        long invalid = Stream.concat(bare.stream(), engine.stream()).filter(r -> !r.valid()).count();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Ratio engine/bare (median of per-round ratios): %.3f (target >= %.1f: "
                        + "%s); per-round ratios %.2f .. %.2f; ratio of medians %.2f%n", ratio, TARGET_RATIO,
                ratio >= TARGET_RATIO ? "met" : "NOT met", perRound.get(0), perRound.get(perRound.size() - 1),
                engineMedian / bareMedian));
        out.append(String.format(Locale.ROOT, "Bare median is %.0f%% of the publisher-alone rate (%,.0f msg/s)%s%n",
                100 * bareMedian / ceiling, ceiling, bareMedian > 0.9 * ceiling
                        ? ": the bare consumer keeps up with the publisher, so 'bare' is bounded by the publisher"
                        : ""));
        out.append(invalid == 0 ? "All runs valid: nothing lost, no slow-consumer events."
                : "INVALID RUNS: " + invalid + " run(s) lost messages or did not finish (marked ⚠); do not quote them.");
        return out.toString();
    }

    /**
     * The headline figure: each round runs bare then engine back to back, so a change in machine load hits both
     * runs of a pair; the median over pairs is robust to load drifting between rounds, a ratio of medians is not.
     */
    private static double pairedRatio(List<FloodDriver.Result> bare, List<FloodDriver.Result> engine) {
        double[] ratios = new double[bare.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = engine.get(i).rate() / bare.get(i).rate();
        }
        Arrays.sort(ratios);
        int mid = ratios.length / 2;
        return ratios.length % 2 == 1 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2;
    }

    private static double median(List<FloodDriver.Result> results, ToDoubleFunction<FloodDriver.Result> value) {
        double[] sorted = results.stream().mapToDouble(value).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static Recording startRecording(Path file) throws Exception {
        if (file == null) {
            return null;
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setName("klaxon-bench");
        recording.start();
        return recording;
    }

    private static void stopRecording(Recording recording, Path file) throws IOException {
        if (recording == null) {
            return;
        }
        recording.stop();
        recording.dump(file);
        recording.close();
        System.out.println("JFR profile written to " + file.toAbsolutePath());
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp directory is harmless
        }
    }
}
