package dev.klaxon.demo;

import io.nats.client.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the demo's alert mix ({@link AlertMix}) on its own daemon thread until closed. The thread follows the
 * injected clock: tick n is due at start + n × {@link AlertMix#TICK}. Publishing never stops the feed: a failed
 * publish (e.g. while the connection reconnects) is counted and the next tick goes on.
 */
public final class SyntheticFeed implements AutoCloseable {

    /** Where messages go; a NATS connection in the demo, a list in tests. */
    @FunctionalInterface
    public interface Sink {
        void publish(String subject, byte[] body);
    }

    /**
     * After a stall (a suspended laptop, a long GC), publish at most this many overdue ticks and skip the rest, so
     * the feed never fires a minute of traffic at once.
     */
    private static final int MAX_CATCH_UP_TICKS = 10;

    private final Sink sink;
    private final AlertMix mix;
    private final Clock clock;
    private final Thread thread;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong ticks = new AtomicLong();
    private volatile boolean running = true;

    private SyntheticFeed(Sink sink, AlertMix mix, Clock clock) {
        this.sink = sink;
        this.mix = mix;
        this.clock = clock;
        this.thread = new Thread(this::run, "klaxon-demo-feed");
        this.thread.setDaemon(true);
    }

    /** Starts publishing the standard mix to {@code connection} (not owned: closing the feed leaves it open). */
    public static SyntheticFeed start(Connection connection, Clock clock, long seed) {
        return start(connection::publish, new AlertMix(new Random(seed)), clock);
    }

    public static SyntheticFeed start(Sink sink, AlertMix mix, Clock clock) {
        SyntheticFeed feed = new SyntheticFeed(sink, mix, clock);
        feed.thread.start();
        return feed;
    }

    /** Messages handed to the sink without an exception. */
    public long published() {
        return published.get();
    }

    /** Messages whose publish threw (counted, not retried: a demo feed need not be lossless). */
    public long failed() {
        return failed.get();
    }

    /** Ticks generated so far (skipped ticks after a stall are not counted). */
    public long ticks() {
        return ticks.get();
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    private void run() {
        Instant start = clock.instant();
        long tickNanos = AlertMix.TICK.toNanos();
        long next = 0;
        while (running) {
            long due = Duration.between(start, clock.instant()).toNanos() / tickNanos;
            if (due - next > MAX_CATCH_UP_TICKS) {
                next = due - MAX_CATCH_UP_TICKS;
            }
            while (running && next <= due) {
                publish(mix.tick(next, clock.instant()));
                ticks.incrementAndGet();
                next++;
            }
            long waitNanos = next * tickNanos - Duration.between(start, clock.instant()).toNanos();
            try {
                // Bounded by one tick so a clock that jumps (or stands still in a test) is re-read regularly.
                Thread.sleep(Math.max(1, Math.min(AlertMix.TICK.toMillis(), waitNanos / 1_000_000)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void publish(List<FeedMessage> messages) {
        for (FeedMessage message : messages) {
            if (!running) {
                return;
            }
            try {
                sink.publish(message.subject(), message.body());
                published.incrementAndGet();
            } catch (RuntimeException e) {
                failed.incrementAndGet();
            }
        }
    }

    /** Stops the thread and waits for it (a few ms at most). Idempotent. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
