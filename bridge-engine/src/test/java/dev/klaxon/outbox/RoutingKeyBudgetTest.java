package dev.klaxon.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RoutingKeyBudgetTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String KEY = "env:PD_ROUTING_KEY_PROD";

    @Test
    void defaultsAre120PerMinute() {
        RoutingKeyBudget budget = RoutingKeyBudget.defaults();
        assertThat(budget.limit()).isEqualTo(120);
        assertThat(budget.window()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void fullBudgetRefusesUntilTheOldestSendLeavesTheWindow() {
        RoutingKeyBudget budget = RoutingKeyBudget.defaults();
        for (int i = 0; i < 120; i++) {
            assertThat(budget.tryAcquire(KEY, T0.plusMillis(i * 100L))).isTrue();
        }
        Instant full = T0.plusSeconds(30);
        assertThat(budget.tryAcquire(KEY, full)).isFalse();
        assertThat(budget.used(KEY, full)).isEqualTo(120);
        assertThat(budget.nextFreeAt(KEY, full)).isEqualTo(T0.plusSeconds(60));

        // Edge: a send at t counts while now - 60 s < t, so it frees its slot at exactly t + 60 s.
        assertThat(budget.tryAcquire(KEY, T0.plusSeconds(60).minusMillis(1))).isFalse();
        assertThat(budget.tryAcquire(KEY, T0.plusSeconds(60))).isTrue();
        assertThat(budget.tryAcquire(KEY, T0.plusSeconds(60))).isFalse();
        assertThat(budget.nextFreeAt(KEY, T0.plusSeconds(60))).isEqualTo(T0.plusSeconds(60).plusMillis(100));
    }

    @Test
    void windowSlidesRatherThanResetting() {
        RoutingKeyBudget budget = new RoutingKeyBudget(3, Duration.ofSeconds(10));
        assertThat(budget.tryAcquire(KEY, T0)).isTrue();
        assertThat(budget.tryAcquire(KEY, T0.plusSeconds(9))).isTrue();
        assertThat(budget.tryAcquire(KEY, T0.plusSeconds(9))).isTrue();
        assertThat(budget.tryAcquire(KEY, T0.plusSeconds(10))).isTrue();
        // A fixed window would reset at 20 s; the sliding one still holds the three sends made at 9-10 s.
        assertThat(budget.tryAcquire(KEY, T0.plusSeconds(18))).isFalse();
        assertThat(budget.used(KEY, T0.plusSeconds(18))).isEqualTo(3);
        assertThat(budget.used(KEY, T0.plusSeconds(19))).isEqualTo(1);
        assertThat(budget.used(KEY, T0.plusSeconds(20))).isZero();
        assertThat(budget.nextFreeAt(KEY, T0.plusSeconds(20))).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void keysHaveSeparateBudgetsAndUsageListsOnlyLiveKeys() {
        RoutingKeyBudget budget = new RoutingKeyBudget(2, Duration.ofSeconds(60));
        budget.tryAcquire("env:A", T0);
        budget.tryAcquire("env:A", T0);
        budget.tryAcquire("env:B", T0.plusSeconds(30));

        assertThat(budget.tryAcquire("env:A", T0.plusSeconds(1))).isFalse();
        assertThat(budget.usage(T0.plusSeconds(31))).isEqualTo(Map.of("env:A", 2, "env:B", 1));
        assertThat(budget.usage(T0.plusSeconds(60))).isEqualTo(Map.of("env:B", 1));
        assertThat(budget.usage(T0.plusSeconds(90))).isEmpty();
        assertThat(budget.used("env:never", T0)).isZero();
    }

    @Test
    void aClockStepBackNeverExceedsTheBudget() {
        RoutingKeyBudget budget = new RoutingKeyBudget(2, Duration.ofSeconds(60));
        assertThat(budget.tryAcquire(KEY, T0.plusSeconds(30))).isTrue();
        assertThat(budget.tryAcquire(KEY, T0)).isTrue();
        assertThat(budget.tryAcquire(KEY, T0.plusSeconds(60))).isFalse();
        assertThat(budget.tryAcquire(KEY, T0.plusSeconds(90))).isTrue();
    }

    @Test
    void concurrentAcquirersGetExactlyTheLimit() throws Exception {
        RoutingKeyBudget budget = RoutingKeyBudget.defaults();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            results.add(pool.submit(() -> {
                start.await();
                int granted = 0;
                for (int i = 0; i < 100; i++) {
                    if (budget.tryAcquire(KEY, T0)) {
                        granted++;
                    }
                }
                return granted;
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(total).isEqualTo(120);
    }
}
