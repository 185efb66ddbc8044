package dev.klaxon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineOptions;
import dev.klaxon.nats.ConnectionState;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.simulator.ReceivedRequest;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Team mode's cost, core and JetStream in the same run, rounds interleaved: (1) ingest, a burst of log-only messages
 * published as fast as a core publisher can, timed until the engine has decided all of them (on JetStream each is
 * stored, pulled from the durable consumer and acknowledged); (2) delivery latency, publish to the PagerDuty double's
 * receipt at a steady rate through a page route (on JetStream the ack waits for the 202, which is not in this
 * latency). The same core publisher in both modes: the stream captures core publishes on its subjects.
 *
 * <p>Arguments (after the {@code team} mode word): {@code [rounds] [burst-messages] [rate-per-second] [seconds]}.
 */
final class TeamModeBenchmark {
    private static final String ROUTING_KEY = "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY32";

    private TeamModeBenchmark() {
    }

    record Round(String mode, double ingestPerSecond, double p50, double p99, double max, int missing) {
    }

    static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int burst = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        System.out.println("## Team mode: ingest and publish-to-PagerDuty latency, core vs JetStream");
        System.out.println();
        System.out.println(MachineInfo.collect().markdown());
        System.out.println();
        System.out.printf(Locale.ROOT, "%d rounds, interleaved; ingest burst %,d log-only messages; latency %d events/s "
                + "for %d s after 3 s of warm-up%n%n", rounds, burst, rate, seconds);
        List<Round> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (boolean jetstream : new boolean[] {false, true}) {
                Round result = run(jetstream, burst, rate, seconds);
                results.add(result);
                System.out.printf(Locale.ROOT, "round %d %-9s ingest %,9.0f msg/s  latency p50 %.2f ms p99 %.2f ms "
                        + "max %.2f ms missing %d%n", round, result.mode(), result.ingestPerSecond(), result.p50(),
                        result.p99(), result.max(), result.missing());
            }
        }
        System.out.println();
        System.out.println("| round | mode | ingest msg/s | JetStream / core | latency p50 ms | p99 ms | max ms |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|");
        double[] ratios = new double[rounds];
        for (int i = 0; i < results.size(); i++) {
            Round r = results.get(i);
            String ratio = "";
            if (i % 2 == 1) {
                ratios[i / 2] = r.ingestPerSecond() / results.get(i - 1).ingestPerSecond();
                ratio = String.format(Locale.ROOT, "%.2f", ratios[i / 2]);
            }
            System.out.printf(Locale.ROOT, "| %d | %s | %,.0f | %s | %.2f | %.2f | %.2f |%n", i / 2 + 1, r.mode(),
                    r.ingestPerSecond(), ratio, r.p50(), r.p99(), r.max());
        }
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "%nMedian ingest ratio JetStream / core: %.2f%n", ratios[ratios.length / 2]);
        System.out.printf(Locale.ROOT, "Load average at end (1/5/15 min): %s%n", MachineInfo.currentLoadAverage());
    }

    private static Round run(boolean jetstream, int burst, int rate, int seconds) throws Exception {
        Path work = Files.createTempDirectory("klaxon-team-bench-");
        Clock monotonic = monotonicClock();
        try (NatsServerProcess server = jetstream ? NatsServerProcess.start(List.of("-js"))
                : NatsServerProcess.start();
             PagerDutySimulator pagerDuty = PagerDutySimulator.start(monotonic)) {
            String yaml = """
                    nats:
                      servers: ["%s"]
                      subjects: ["alerts.>"]
                    %s
                    pagerduty:
                      events_url: "%s"
                      budget_per_minute: 100000
                    storage:
                      dir: "%s"
                    routes:
                      - match: "alerts.prod.>"
                        action: page
                        routing_key_env: PD_ROUTING_KEY_PROD
                        severity: critical
                      - match: "alerts.bulk.>"
                        action: log
                    """.formatted(server.url(), jetstream ? "  jetstream: { role: sender, ack_wait: 30s }" : "",
                    pagerDuty.eventsUrl(), work.resolve("data"));
            KlaxonConfig config = new ConfigLoader().parse(yaml, work.resolve("bench.yaml"));
            try (Engine engine = Engine.create(config, Clock.systemUTC(),
                    EngineOptions.defaults().withEnvironment(Map.of("PD_ROUTING_KEY_PROD", ROUTING_KEY)::get)
                            .asHeadless());
                 Connection publisher = Nats.connect(server.url())) {
                engine.start();
                await(() -> engine.summary().connection().state() == ConnectionState.CONNECTED
                        && (!jetstream || engine.team().status().sending()), Duration.ofSeconds(60));
                double ingest = ingest(engine, publisher, burst);
                double[] latency = latency(publisher, pagerDuty, rate, seconds);
                return new Round(jetstream ? "jetstream" : "core", ingest, latency[0], latency[1], latency[2],
                        (int) latency[3]);
            }
        } finally {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double ingest(Engine engine, Connection publisher, int burst) throws Exception {
        long before = engine.summary().processed();
        byte[] body = "{\"summary\":\"bulk\",\"source\":\"bench\"}".getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        for (int i = 0; i < burst; i++) {
            publisher.publish("alerts.bulk.s" + (i % 50), body);
        }
        publisher.flush(Duration.ofSeconds(30));
        await(() -> engine.summary().processed() - before >= burst, Duration.ofMinutes(5));
        return burst / ((System.nanoTime() - start) / 1e9);
    }

    /** p50, p99, max (ms) and the number missing, over the measured part. */
    private static double[] latency(Connection publisher, PagerDutySimulator pagerDuty, int rate, int seconds)
            throws Exception {
        int warmup = rate * 3;
        int total = warmup + rate * seconds;
        long[] publishedAt = new long[total];
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 100_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            byte[] body = ("{\"summary\":\"latency probe " + i + "\",\"dedup_key\":\"lat-" + i + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            publishedAt[i] = System.nanoTime();
            publisher.publish("alerts.prod.latency", body);
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        long[] receivedAt = new long[total];
        int seen;
        do {
            Thread.sleep(100);
            Arrays.fill(receivedAt, -1);
            seen = 0;
            for (ReceivedRequest r : pagerDuty.received()) {
                JsonNode dedup = r.json() == null ? null : r.json().get("dedup_key");
                if (r.status() != 202 || dedup == null || !dedup.asText().startsWith("lat-")) {
                    continue;
                }
                int n = Integer.parseInt(dedup.asText().substring(4));
                if (n < total && receivedAt[n] < 0) {
                    receivedAt[n] = r.arrivedAt().getEpochSecond() * 1_000_000_000L + r.arrivedAt().getNano();
                    seen++;
                }
            }
        } while (seen < total && System.nanoTime() < deadline);
        double[] millis = new double[total - warmup];
        int n = 0;
        int missing = 0;
        for (int i = warmup; i < total; i++) {
            if (receivedAt[i] < 0) {
                missing++;
            } else {
                millis[n++] = (receivedAt[i] - publishedAt[i]) / 1e6;
            }
        }
        double[] sorted = Arrays.copyOf(millis, n);
        Arrays.sort(sorted);
        return new double[] {pct(sorted, 50), pct(sorted, 99), sorted.length == 0 ? Double.NaN
                : sorted[sorted.length - 1], missing};
    }

    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not reached within " + timeout);
            }
            Thread.sleep(5);
        }
    }

    /** nanoTime as an Instant, so the double's arrival stamps and the publish times share one time base. */
    private static Clock monotonicClock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochSecond(0, System.nanoTime());
            }
        };
    }
}
