package dev.klaxon.bench;

import io.nats.client.Connection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one measured flood against one target.
 *
 * <p>The publisher sends as fast as it can but keeps at most {@code window} messages in flight (published minus
 * processed). Without that, a consumer slower than the publisher overflows its bounded queue and the run measures
 * drops instead of throughput; with it, the publisher runs at the rate the consumer sustains, which is the number we
 * want. The window is large (hundreds of milliseconds of work) so the consumer never runs dry while the publisher
 * waits.
 *
 * <p>Progress is polled sparingly (the engine's {@code flow()} reads counters only, but polling still takes a core
 * from a 2-core machine): the driver sleeps for the time the consumer should need, estimated from its observed rate,
 * instead of spinning. Both targets get the same polling.
 *
 * <p>Throughput is consumer-side: messages processed divided by the time from the first message received to the last
 * one processed.
 */
final class FloodDriver {

    private static final String PROBE_SUBJECT = "alerts.bench.probe";
    private static final byte[] PROBE_BODY = "{\"summary\":\"bench probe\"}".getBytes(StandardCharsets.US_ASCII);
    private static final long MIN_SLEEP_NANOS = 1_000_000;
    private static final long MAX_SLEEP_NANOS = 50_000_000;

    record Result(String mode, long messages, double seconds, double publishSeconds, long lost,
                  long slowConsumerEvents, boolean complete, long polls, double pollSeconds) {
        double rate() {
            return messages / seconds;
        }

        double publishRate() {
            return messages / publishSeconds;
        }

        /** A result that lost messages or did not finish is not a throughput figure. */
        boolean valid() {
            return complete && lost == 0 && slowConsumerEvents == 0;
        }
    }

    private final Connection publisher;
    private final AlertCorpus corpus;
    private final int window;
    private final int minBatch;
    private final Duration timeout;

    /** @param window most messages in flight; must stay below the consumer's queue and pending limits */
    FloodDriver(Connection publisher, AlertCorpus corpus, int window, Duration timeout) {
        this.publisher = publisher;
        this.corpus = corpus;
        this.window = window;
        // Publish in chunks of at least half the window: few polls, and half a window stays queued meanwhile.
        this.minBatch = Math.max(1, window / 2);
        this.timeout = timeout;
    }

    Result run(FloodTarget target, long messages) throws InterruptedException, TimeoutException {
        FloodTarget.Progress base = probe(target);
        long deadline = System.nanoTime() + timeout.toNanos();

        AtomicLong firstReceived = new AtomicLong();
        Thread watcher = new Thread(() -> watchFirst(target, base.received(), firstReceived, deadline),
                "bench-first-received");
        watcher.setDaemon(true);
        watcher.start();

        RateEstimate rate = new RateEstimate();
        PollClock polls = new PollClock(target);
        long publishStart = System.nanoTime();
        long published = 0;
        while (published < messages) {
            FloodTarget.Progress now = polls.progress();
            long processed = now.processed() - base.processed();
            rate.sample(processed, System.nanoTime());
            long room = window - (published - processed);
            long wanted = Math.min(minBatch, messages - published);
            if (room < wanted) {
                // A little extra so one poll usually finds the room; the half window still queued covers it.
                sleep(rate.nanosFor(wanted - room) * 11 / 10, deadline, target);
                continue;
            }
            long end = published + Math.min(room, messages - published);
            for (; published < end; published++) {
                AlertCorpus.Message m = corpus.get(published);
                publisher.publish(m.subject(), m.body());
            }
        }
        publisher.flush(timeout);
        long publishEnd = System.nanoTime();

        FloodTarget.Progress now = polls.progress();
        while (now.processed() - base.processed() + now.lost() - base.lost() < messages
                && System.nanoTime() < deadline) {
            long remaining = messages - (now.processed() - base.processed());
            rate.sample(now.processed() - base.processed(), System.nanoTime());
            // Aim a little short of the expected end, then close in at millisecond steps.
            LockSupport.parkNanos(Math.max(MIN_SLEEP_NANOS, rate.nanosFor(remaining) * 3 / 4));
            now = polls.progress();
        }
        long end = System.nanoTime();
        watcher.join(1_000);
        long processed = now.processed() - base.processed();
        long start = firstReceived.get() == 0 ? publishStart : firstReceived.get();
        return new Result(target.mode(), processed, (end - start) / 1e9, (publishEnd - publishStart) / 1e9,
                now.lost() - base.lost(), now.slowConsumerEvents() - base.slowConsumerEvents(),
                processed == messages, polls.count, polls.nanos / 1e9);
    }

    /**
     * Publishes probe messages until the target receives one, then waits for it to go quiet. This proves the
     * subscription is live at the server (a message published before it would be lost) and gives the baseline the
     * run's counts are taken against.
     */
    private FloodTarget.Progress probe(FloodTarget target) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (target.progress().processed() == 0) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(target.mode() + " received no probe within 30 s");
            }
            publisher.publish(PROBE_SUBJECT, PROBE_BODY);
            publisher.flush(Duration.ofSeconds(5));
            Thread.sleep(20);
        }
        FloodTarget.Progress last = target.progress();
        while (true) {
            Thread.sleep(100);
            FloodTarget.Progress now = target.progress();
            if (now.equals(last) && now.processed() == now.received()) {
                return now;
            }
            last = now;
        }
    }

    private static void watchFirst(FloodTarget target, long baseReceived, AtomicLong firstReceived, long deadline) {
        // Fine-grained only until the first message shows up, well under a millisecond after publishing starts
        // (and while only a few subjects exist, so even the engine's snapshot is cheap).
        while (System.nanoTime() < deadline) {
            if (target.progress().received() > baseReceived) {
                firstReceived.set(System.nanoTime());
                return;
            }
            LockSupport.parkNanos(20_000);
        }
    }

    private static void sleep(long nanos, long deadline, FloodTarget target) throws TimeoutException {
        if (System.nanoTime() > deadline) {
            throw new TimeoutException(target.mode() + " stopped making progress: " + target.progress());
        }
        LockSupport.parkNanos(Math.min(MAX_SLEEP_NANOS, Math.max(MIN_SLEEP_NANOS, nanos)));
    }

    /** Counts the driver's progress polls and the time they take, which is reported beside each result. */
    private static final class PollClock {
        private final FloodTarget target;
        private long count;
        private long nanos;

        PollClock(FloodTarget target) {
            this.target = target;
        }

        FloodTarget.Progress progress() {
            long start = System.nanoTime();
            FloodTarget.Progress progress = target.progress();
            nanos += System.nanoTime() - start;
            count++;
            return progress;
        }
    }

    /** The consumer's recent rate, smoothed; starts from a guess that only affects the first wait. */
    private static final class RateEstimate {
        private double perNano = 100_000 / 1e9;
        private long lastCount = -1;
        private long lastNanos;

        void sample(long count, long nanos) {
            if (lastCount >= 0 && nanos - lastNanos > MIN_SLEEP_NANOS && count > lastCount) {
                double observed = (count - lastCount) / (double) (nanos - lastNanos);
                perNano = 0.5 * perNano + 0.5 * observed;
            }
            if (lastCount < 0 || nanos - lastNanos > MIN_SLEEP_NANOS) {
                lastCount = count;
                lastNanos = nanos;
            }
        }

        long nanosFor(long count) {
            return (long) (count / perNano);
        }
    }
}
