package dev.klaxon.bench;

import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.engine.AuditedPages;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineOptions;
import dev.klaxon.engine.ReplayReport;
import dev.klaxon.engine.RulesReplay;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.team.StreamHistory;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.api.PublishAck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The dry run of a rules change against the live engine, same run, same stored messages: (1) live, a burst published
 * while a team sender runs (stored, pulled, decided, acknowledged), timed until all are decided; (2)
 * replay, {@code rules replay}'s path reads the same messages through its own ordered consumer and decides each with
 * the current and a candidate config. Both are messages per second; the replay does two decisions per message.
 *
 * <p>Arguments (after the {@code replay} mode word): {@code [rounds] [messages]}.
 */
final class ReplayBenchmark {
    private ReplayBenchmark() {
    }

    static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        System.out.println("## Rules replay vs the live engine (team mode)");
        System.out.println();
        System.out.println(MachineInfo.collect().markdown());
        System.out.println();
        System.out.printf(Locale.ROOT, "%d rounds; %,d stored messages each (log-only, 50 subjects); "
                + "replay with both configs = the live config%n%n", rounds, messages);
        System.out.println("| round | live msg/s | replay msg/s (2 decisions each) | replay / live |");
        System.out.println("|---:|---:|---:|---:|");
        double[] ratios = new double[rounds];
        for (int round = 1; round <= rounds; round++) {
            double[] result = run(messages);
            ratios[round - 1] = result[1] / result[0];
            System.out.printf(Locale.ROOT, "| %d | %,.0f | %,.0f | %.2f |%n", round, result[0], result[1],
                    ratios[round - 1]);
        }
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "%nMedian replay / live: %.2f%n", ratios[ratios.length / 2]);
        System.out.printf(Locale.ROOT, "Load average at end (1/5/15 min): %s%n", MachineInfo.currentLoadAverage());
    }

    private static double[] run(int messages) throws Exception {
        Path work = Files.createTempDirectory("klaxon-replay-bench-");
        try (NatsServerProcess server = NatsServerProcess.start(List.of("-js", "--store_dir",
                work.resolve("js").toString()))) {
            String yaml = """
                    nats:
                      servers: ["%s"]
                      subjects: ["alerts.>"]
                      jetstream: { role: sender, ack_wait: 30s, late_join: 0s }
                    pagerduty:
                      events_url: "http://127.0.0.1:9/v2/enqueue"
                      budget_per_minute: 100000
                    storage:
                      dir: "%s"
                    routes:
                      - match: "alerts.bulk.>"
                        action: log
                    """.formatted(server.url(), work.resolve("data"));
            KlaxonConfig config = new ConfigLoader().parse(yaml, work.resolve("bench.yaml"));
            try (Connection publisher = Nats.connect(server.url())) {
                double live;
                try (Engine engine = Engine.create(config, Clock.systemUTC(), EngineOptions.defaults()
                        .withEnvironment(Map.<String, String>of()::get).asHeadless())) {
                    engine.start();
                    await(() -> engine.team().status().sending(), Duration.ofSeconds(60));
                    publish(publisher.jetStream(), 1_000); // warm-up; then the timed burst: stored, pulled, decided
                    await(() -> engine.summary().processed() >= 1_000, Duration.ofMinutes(2));
                    long before = engine.summary().processed();
                    long start = System.nanoTime();
                    publish(publisher.jetStream(), messages);
                    await(() -> engine.summary().processed() - before >= messages, Duration.ofMinutes(5));
                    live = messages / ((System.nanoTime() - start) / 1e9);
                }
                RulesReplay replay = new RulesReplay(config, config, List.of(), Map.<String, String>of()::get,
                        AuditedPages.none());
                long start = System.nanoTime();
                long read = new StreamHistory(publisher, config.nats().jetstream())
                        .read(Instant.now().minus(Duration.ofHours(1)), replay::accept, () -> false);
                double replayed = read / ((System.nanoTime() - start) / 1e9);
                ReplayReport report = replay.report();
                if (!report.same() || read != messages + 1_000L) {
                    throw new IllegalStateException("replay read " + read + ", same " + report.same());
                }
                return new double[] {live, replayed};
            }
        } finally {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void publish(JetStream js, int count) throws Exception {
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            acks.add(js.publishAsync("alerts.bulk.s" + (i % 50), ("{\"summary\":\"bulk " + i
                    + "\",\"source\":\"bench\"}").getBytes(StandardCharsets.UTF_8)));
            if (acks.size() >= 5_000) {
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
                acks.clear();
            }
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout);
            }
            Thread.sleep(5);
        }
    }
}
