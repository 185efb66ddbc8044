package dev.klaxon.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxConcurrencyTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final int THREADS = 16;
    private static final int PER_THREAD = 1_000;

    @TempDir
    Path dir;

    @Test
    void manyThreadsEnqueueingGetEveryFutureCompletedAndExactCounts() throws Exception {
        try (Outbox outbox = Outbox.open(dir.resolve("outbox.db"), new MutableClock(T0))) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<CompletableFuture<List<Long>>>>> submitted = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                submitted.add(pool.submit(() -> {
                    start.await();
                    List<CompletableFuture<List<Long>>> futures = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        // Every tenth call carries two events of one key, so batches mix sizes and order keys.
                        futures.add(i % 10 == 0
                                ? outbox.enqueue(List.of(Events.trigger("t" + thread + "-" + i, T0),
                                        Events.event(Events.PROD, "t" + thread + "-" + i, "resolve", T0)))
                                : outbox.enqueue(List.of(Events.trigger("t" + thread + "-" + i, T0))));
                    }
                    return futures;
                }));
            }
            start.countDown();
            Set<Long> ids = new HashSet<>();
            int expected = 0;
            for (Future<List<CompletableFuture<List<Long>>>> f : submitted) {
                for (CompletableFuture<List<Long>> future : f.get(60, TimeUnit.SECONDS)) {
                    List<Long> got = future.get(60, TimeUnit.SECONDS);
                    expected += got.size();
                    ids.addAll(got);
                }
            }
            pool.shutdown();

            int calls = THREADS * PER_THREAD;
            assertThat(expected).isEqualTo(calls + calls / 10);
            assertThat(ids).hasSize(expected);
            assertThat(outbox.stats(T0).pending()).isEqualTo(expected);
            // Heads only: one per key, the resolves wait behind their triggers.
            assertThat(outbox.due(T0, Integer.MAX_VALUE - 1, Set.of())).hasSize(calls)
                    .allSatisfy(e -> assertThat(e.eventAction()).isEqualTo("trigger"));
        }
    }
}
