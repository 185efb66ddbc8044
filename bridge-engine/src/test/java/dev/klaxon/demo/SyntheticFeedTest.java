package dev.klaxon.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SyntheticFeedTest {

    private record Sent(String subject, byte[] body) { }

    @Test
    void publishesInTickOrderUntilClosedAndThenStops() {
        List<Sent> sent = new CopyOnWriteArrayList<>();
        SyntheticFeed feed = SyntheticFeed.start((s, b) -> sent.add(new Sent(s, b)),
                new AlertMix(new Random(1)), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(5)).until(() -> feed.ticks() >= 5);
        feed.close();
        assertThat(feed.isRunning()).isFalse();
        int afterClose = sent.size();
        assertThat(afterClose).isPositive().isEqualTo((int) feed.published());

        // The same seed offline yields the same first messages.
        AlertMix offline = new AlertMix(new Random(1));
        List<FeedMessage> expected = offline.tick(0, java.time.Instant.EPOCH);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(sent.get(i).subject()).isEqualTo(expected.get(i).subject());
        }
        sleep(300);
        assertThat(sent).hasSize(afterClose);
    }

    @Test
    void aFailingSinkIsCountedAndTheFeedKeepsGoing() {
        AtomicBoolean down = new AtomicBoolean(true);
        SyntheticFeed feed = SyntheticFeed.start((s, b) -> {
            if (down.get()) {
                throw new IllegalStateException("Connection is Closed");
            }
        }, new AlertMix(new Random(2)), Clock.systemUTC());
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> feed.failed() >= 3);
            down.set(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> feed.published() >= 3);
            assertThat(feed.isRunning()).isTrue();
        } finally {
            feed.close();
        }
    }

    @Test
    void aClockThatStandsStillPublishesOnlyTheFirstTick() {
        List<Sent> sent = new CopyOnWriteArrayList<>();
        Clock frozen = Clock.fixed(java.time.Instant.parse("2025-03-01T09:00:00Z"), java.time.ZoneOffset.UTC);
        try (SyntheticFeed feed = SyntheticFeed.start((s, b) -> sent.add(new Sent(s, b)),
                new AlertMix(new Random(3)), frozen)) {
            sleep(400);
            assertThat(feed.ticks()).isEqualTo(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
