package dev.klaxon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.message.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class IngestQueueTest {
    private static final Instant T0 = Instant.parse("2026-12-05T03:00:00Z");

    private static InboundMessage message(String subject, int bodyBytes) {
        return InboundMessage.of(subject, "x".repeat(bodyBytes).getBytes(StandardCharsets.US_ASCII), T0);
    }

    private static List<String> take(IngestQueue queue, int max, long timeoutMillis) throws InterruptedException {
        List<InboundMessage> taken = new ArrayList<>();
        queue.take(taken, max, timeoutMillis);
        return taken.stream().map(InboundMessage::subject).toList();
    }

    @Test
    void refusesPastItsCapacityAndTakesAgainOnceDrained() throws InterruptedException {
        IngestQueue queue = new IngestQueue(3, 1_000_000);

        assertThat(queue.offer(message("a", 1))).isTrue();
        assertThat(queue.offer(message("b", 1))).isTrue();
        assertThat(queue.offer(message("c", 1))).isTrue();
        assertThat(queue.offer(message("d", 1))).isFalse();
        assertThat(queue.depth()).isEqualTo(3);
        assertThat(queue.capacity()).isEqualTo(3);

        assertThat(take(queue, 10, 0)).containsExactly("a", "b", "c");
        assertThat(queue.depth()).isZero();
        assertThat(queue.offer(message("e", 1))).isTrue();
    }

    @Test
    void refusesABodyThatWouldPassTheByteBoundAndFreesTheBytesOfWhatWasTaken() throws InterruptedException {
        IngestQueue queue = new IngestQueue(100, 250);

        assertThat(queue.offer(message("a", 100))).isTrue();
        assertThat(queue.offer(message("b", 100))).isTrue();
        assertThat(queue.offer(message("c", 100))).isFalse();
        assertThat(queue.offer(message("small", 50))).isTrue();

        assertThat(take(queue, 1, 0)).containsExactly("a");
        assertThat(queue.offer(message("d", 100))).isTrue();
        assertThat(take(queue, 10, 0)).containsExactly("b", "small", "d");
        assertThat(queue.offer(message("e", 250))).isTrue();
    }

    @Test
    void takeGivesAtMostMaxInOrderAndLeavesTheRest() throws InterruptedException {
        IngestQueue queue = new IngestQueue(100, 1_000_000);
        for (int i = 0; i < 5; i++) {
            queue.offer(message("m" + i, 1));
        }

        assertThat(take(queue, 2, 0)).containsExactly("m0", "m1");
        assertThat(take(queue, 10, 0)).containsExactly("m2", "m3", "m4");
        assertThat(take(queue, 10, 20)).isEmpty();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aParkedConsumerWakesWhenAMessageArrivesNotAtItsTimeout() throws Exception {
        IngestQueue queue = new IngestQueue(100, 1_000_000);
        int rounds = 100;
        Semaphore taken = new Semaphore(0);
        Thread consumer = new Thread(() -> {
            try {
                for (int round = 0; round < rounds; round++) {
                    List<InboundMessage> batch = new ArrayList<>();
                    if (queue.take(batch, 10, TimeUnit.MINUTES.toMillis(1)) == 1) {
                        taken.release();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        consumer.setDaemon(true);
        consumer.start();
        for (int round = 0; round < rounds; round++) {
            while (consumer.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait(); // until it is parked in take, waiting for a first message
            }
            assertThat(queue.offer(message("r" + round, 10))).isTrue();
            // A lost wake-up would leave the consumer parked for its whole minute.
            assertThat(taken.tryAcquire(10, TimeUnit.SECONDS)).as("round %d taken within 10 s", round).isTrue();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void manyProducersOneConsumerLoseNothingAndKeepEachProducersOrder() throws Exception {
        int producers = 4;
        int each = 50_000;
        IngestQueue queue = new IngestQueue(1_024, 1_000_000);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    InboundMessage message = message("p" + producer + "." + i, 8);
                    while (!queue.offer(message)) {
                        Thread.onSpinWait(); // full: the consumer catches up, this producer tries again
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }

        Map<Integer, Integer> nextExpected = new HashMap<>();
        int received = 0;
        while (received < producers * each) {
            List<InboundMessage> batch = new ArrayList<>();
            assertThat(queue.take(batch, 512, 5_000)).as("messages within 5 s; %d received so far", received)
                    .isPositive();
            for (InboundMessage message : batch) {
                String[] parts = message.subject().substring(1).split("\\.");
                int producer = Integer.parseInt(parts[0]);
                int sequence = Integer.parseInt(parts[1]);
                assertThat(sequence).isEqualTo(nextExpected.getOrDefault(producer, 0));
                nextExpected.put(producer, sequence + 1);
                received++;
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(received).isEqualTo(producers * each);
        assertThat(queue.depth()).isZero();
    }
}
