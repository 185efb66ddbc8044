package dev.klaxon.bench;

import dev.klaxon.outbox.Endpoint;
import dev.klaxon.outbox.NewEvent;
import dev.klaxon.outbox.Outbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * Outbox enqueue throughput with group commit: producer threads each enqueue one event per call (the engine's
 * pattern, one message one event), keeping a bounded number of calls outstanding; a call counts once its future
 * completed, i.e. once its transaction committed. Target: at least 50,000 commits/s.
 *
 * <p>Run: {@code mvn -q -Pbench -pl bridge-engine verify -DskipTests -Dbench.args="outbox [events-per-round]
 * [rounds] [threads]"}.
 */
public final class OutboxBenchmark {

    private static final double TARGET = 50_000;
    private static final int OUTSTANDING_PER_THREAD = 512;

    private OutboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        System.out.println("## Outbox enqueue commits/s (WAL, synchronous=NORMAL, group commit)");
        System.out.printf(Locale.ROOT, "%,d single-event enqueues per round, %d producer threads, %d outstanding "
                + "per thread, %d rounds after 1 warm-up%n", events, threads, OUTSTANDING_PER_THREAD, rounds);
        Path work = Files.createTempDirectory("klaxon-outbox-bench-");
        try {
            run(work, events / 2, threads, "warm-up");
            double[] rates = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                rates[r] = run(work, events, threads, "round " + (r + 1));
            }
            java.util.Arrays.sort(rates);
            double median = rates[rounds / 2];
            System.out.printf(Locale.ROOT, "median %,.0f commits/s (target >= %,.0f: %s)%n", median, TARGET,
                    median >= TARGET ? "met" : "NOT met");
        } finally {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One fresh outbox file per round, as after a restart; returns commits per second. */
    private static double run(Path work, int events, int threads, String label) throws Exception {
        Path file = Files.createTempDirectory(work, "round-").resolve("outbox.db");
        try (Outbox outbox = Outbox.open(file, Clock.systemUTC())) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            int perThread = events / threads;
            long start = System.nanoTime();
            List<Future<?>> producers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                producers.add(pool.submit(() -> produce(outbox, thread, perThread)));
            }
            for (Future<?> f : producers) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            long total = (long) perThread * threads;
            long stored = outbox.stats(Instant.now()).pending();
            double rate = total / seconds;
            System.out.printf(Locale.ROOT, "%s: %,d commits in %.2f s = %,.0f commits/s (rows stored: %,d)%s%n",
                    label, total, seconds, rate, stored, stored == total ? "" : " MISMATCH");
            return rate;
        }
    }

    private static Void produce(Outbox outbox, int thread, int count) throws InterruptedException {
        Semaphore window = new Semaphore(OUTSTANDING_PER_THREAD);
        Instant received = Instant.now();
        for (int i = 0; i < count; i++) {
            window.acquire();
            String dedup = "bench/svc-" + (i % 1_000) + "/host-" + thread;
            String body = "{\"routing_key\":\"" + NewEvent.MASK_PREFIX + " (env PD_ROUTING_KEY_PROD)\","
                    + "\"event_action\":\"trigger\",\"dedup_key\":\"" + dedup + "\",\"payload\":{\"summary\":"
                    + "\"disk 97% full on db-" + i + "\",\"source\":\"db-" + thread + "\",\"severity\":\"critical\"}}";
            CompletableFuture<List<Long>> f = outbox.enqueue(List.of(new NewEvent("alerts.prod.db", 0, "routes[0] \"alerts.prod.>\"",
                    "env:PD_ROUTING_KEY_PROD", Endpoint.ALERT, dedup, "trigger", body, received)));
            f.whenComplete((ids, error) -> {
                if (error != null) {
                    error.printStackTrace();
                }
                window.release();
            });
        }
        window.acquire(OUTSTANDING_PER_THREAD); // every call of this thread has committed
        return null;
    }
}
