package dev.klaxon.app.bench;

import io.nats.client.Connection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes valid JSON alerts at a fixed rate over N subjects ({@code bench.flood.svc-NNNN}), from one thread. It
 * never bursts to catch up more than a tenth of a second, and waits when jnats' outgoing queue is full, so a
 * publisher that cannot keep up reports a lower achieved rate instead of a flood of a different shape.
 */
final class PacedPublisher {
    static final String SUBJECT_PREFIX = "bench.flood.";

    record Result(long published, double seconds) {
        double rate() {
            return published / seconds;
        }
    }

    private final Connection connection;
    private final String[] subjects;
    private final byte[][] bodies;

    PacedPublisher(Connection connection, int subjectCount) {
        this.connection = connection;
        this.subjects = new String[subjectCount];
        this.bodies = new byte[subjectCount][];
        String[] severities = {"critical", "error", "warning", "info"};
        for (int i = 0; i < subjectCount; i++) {
            String service = String.format(Locale.ROOT, "svc-%04d", i);
            subjects[i] = SUBJECT_PREFIX + service;
            bodies[i] = ("{\"summary\":\"Queue depth high on " + service + "\",\"severity\":\""
                    + severities[i % severities.length] + "\",\"source\":\"host-" + (i % 10)
                    + "\",\"component\":\"" + service + "\",\"custom_details\":{\"depth\":" + (1000 + i) + "}}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    Result run(int rate, Duration duration) throws Exception {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long maxBehind = Math.max(1, rate / 10);
        long sent = 0;
        long skipped = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            long due = (long) ((now - start) / 1e9 * rate) - skipped;
            if (due - sent > maxBehind) {
                skipped += due - sent - maxBehind; // fell behind: give up on those, do not burst
                due = sent + maxBehind;
            }
            while (sent < due) {
                int i = (int) (sent % subjects.length);
                try {
                    connection.publish(subjects[i], bodies[i]);
                    sent++;
                } catch (IllegalStateException outputQueueFull) {
                    // The socket cannot take more yet: the publisher is at its limit, which the rate shows.
                    LockSupport.parkNanos(200_000);
                    break;
                }
            }
            LockSupport.parkNanos(500_000);
        }
        connection.flush(Duration.ofSeconds(30));
        return new Result(sent, (System.nanoTime() - start) / 1e9);
    }
}
