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
import io.nats.client.Options;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Delivery latency: NATS publish to the PagerDuty double's receipt, through the real engine with a page route
 * (outbox commit, sender, HTTP). Events go out at a steady rate, each with its own dedup_key {@code lat-N}; the
 * publish time of N is kept in an array. The double stamps each request with its clock on arrival; giving it a
 * clock that reads {@link System#nanoTime()} puts both ends on the same monotonic time base in this one JVM.
 *
 * <p>Arguments (after the {@code latency} mode word): {@code [rate-per-second] [seconds] [warm-up-seconds]}.
 */
final class LatencyBenchmark {

    private static final double TARGET_P99_MS = 10;
    private static final String ROUTING_KEY = "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY32"; // 32 chars, as PagerDuty requires

    private LatencyBenchmark() {
    }

    static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmupSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        System.out.println("## Delivery latency: NATS publish -> PagerDuty double receipt (page route, outbox)");
        System.out.println();
        System.out.println(MachineInfo.collect().markdown());
        System.out.println();
        System.out.printf(Locale.ROOT, "%d events/s for %d s after %d s of warm-up (not reported)%n", rate, seconds,
                warmupSeconds);
        Path work = Files.createTempDirectory("klaxon-latency-");
        // nanoTime as an Instant: only differences are used, and they match publish times taken with nanoTime.
        Clock monotonic = new Clock() {
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
        try (NatsServerProcess server = NatsServerProcess.start();
             PagerDutySimulator pagerDuty = PagerDutySimulator.start(monotonic)) {
            // The budget is raised to the config maximum: at the default 120/min a 50/s stream would be measuring
            // the limiter's queueing (by design), not the delivery path.
            String yaml = """
                    nats:
                      servers: ["%s"]
                      subjects: ["alerts.>"]
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
                    """.formatted(server.url(), pagerDuty.eventsUrl(), work.resolve("data"));
            KlaxonConfig config = new ConfigLoader().parse(yaml, work.resolve("bench.yaml"));
            try (Engine engine = Engine.create(config, Clock.systemUTC(),
                    EngineOptions.defaults().withEnvironment(Map.of("PD_ROUTING_KEY_PROD", ROUTING_KEY)::get));
                 Connection publisher = Nats.connect(new Options.Builder().server(server.url())
                         .connectionName("latency-publisher").build())) {
                engine.start();
                long connectDeadline = System.nanoTime() + 30_000_000_000L;
                while (engine.summary().connection().state() != ConnectionState.CONNECTED) {
                    if (System.nanoTime() > connectDeadline) {
                        throw new IllegalStateException("engine did not connect");
                    }
                    Thread.sleep(10);
                }
                int warmup = rate * warmupSeconds;
                int total = warmup + rate * seconds;
                long[] publishedAt = new long[total];
                long interval = 1_000_000_000L / rate;
                long start = System.nanoTime() + 100_000_000L;
                for (int i = 0; i < total; i++) {
                    // A fixed schedule (not sleep-after-send), so a slow publish does not lower the rate.
                    long due = start + i * interval;
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    byte[] body = ("{\"summary\":\"latency probe " + i + "\",\"source\":\"bench\",\"dedup_key\":\"lat-"
                            + i + "\"}").getBytes(StandardCharsets.UTF_8);
                    publishedAt[i] = System.nanoTime();
                    publisher.publish("alerts.prod.latency", body);
                }
                long[] receivedAt = awaitAll(pagerDuty, total, 30_000);
                report(publishedAt, receivedAt, warmup, pagerDuty);
            }
        } finally {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.printf(Locale.ROOT, "%nLoad average at end (1/5/15 min): %s%n", MachineInfo.currentLoadAverage());
    }

    /** First accepted (202) arrival per probe, in nanoTime; -1 where none arrived before the timeout. */
    private static long[] awaitAll(PagerDutySimulator pagerDuty, int total, long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        long[] receivedAt = new long[total];
        while (true) {
            Arrays.fill(receivedAt, -1);
            int seen = 0;
            for (ReceivedRequest r : pagerDuty.received()) {
                JsonNode dedup = r.json() == null ? null : r.json().get("dedup_key");
                if (r.status() != 202 || dedup == null || !dedup.asText().startsWith("lat-")) {
                    continue;
                }
                int n = Integer.parseInt(dedup.asText().substring(4));
                if (n < total && receivedAt[n] < 0) {
                    Instant at = r.arrivedAt();
                    receivedAt[n] = at.getEpochSecond() * 1_000_000_000L + at.getNano();
                    seen++;
                }
            }
            if (seen == total || System.nanoTime() > deadline) {
                return receivedAt;
            }
            Thread.sleep(100);
        }
    }

    private static void report(long[] publishedAt, long[] receivedAt, int warmup, PagerDutySimulator pagerDuty) {
        int measured = publishedAt.length - warmup;
        double[] millis = new double[measured];
        int missing = 0;
        int n = 0;
        for (int i = warmup; i < publishedAt.length; i++) {
            if (receivedAt[i] < 0) {
                missing++;
            } else {
                millis[n++] = (receivedAt[i] - publishedAt[i]) / 1e6;
            }
        }
        double[] sorted = Arrays.copyOf(millis, n);
        Arrays.sort(sorted);
        long rejected = pagerDuty.received().stream().filter(r -> r.status() != 202).count();
        System.out.printf(Locale.ROOT, "%n%,d events measured, %d missing, %d requests not answered 202%n%n",
                measured, missing, rejected);
        System.out.println("| p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | mean ms |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        System.out.printf(Locale.ROOT, "| %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", pct(sorted, 50), pct(sorted, 90),
                pct(sorted, 99), pct(sorted, 99.9), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1],
                Arrays.stream(sorted).average().orElse(Double.NaN));
        double p99 = pct(sorted, 99);
        System.out.printf(Locale.ROOT, "%np99 %.2f ms (target < %.0f ms: %s)%n", p99, TARGET_P99_MS,
                p99 < TARGET_P99_MS && missing == 0 ? "met" : "NOT met");
    }

    /** Nearest-rank percentile. */
    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
