package dev.klaxon.engine;

import dev.klaxon.message.InboundMessage;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-off between the NATS dispatcher and the processing thread, bounded both in messages and in bytes so a
 * flood of large bodies cannot exhaust memory. {@link #offer} never blocks: a full queue refuses and the caller
 * counts the refusal.
 */
final class IngestQueue {
    private final ArrayBlockingQueue<InboundMessage> queue;
    private final long maxBytes;
    private final AtomicLong bytes = new AtomicLong();

    IngestQueue(int capacity, long maxBytes) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBytes = maxBytes;
    }

    boolean offer(InboundMessage message) {
        long size = sizeOf(message);
        if (bytes.addAndGet(size) > maxBytes) {
            bytes.addAndGet(-size);
            return false;
        }
        if (!queue.offer(message)) {
            bytes.addAndGet(-size);
            return false;
        }
        return true;
    }

    /**
     * Waits up to {@code timeoutMillis} for a first message, then takes what else is ready, up to {@code max} in all.
     * {@code into} must be empty.
     */
    int take(List<InboundMessage> into, int max, long timeoutMillis) throws InterruptedException {
        InboundMessage first = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return 0;
        }
        into.add(first);
        queue.drainTo(into, max - 1);
        long released = 0;
        for (InboundMessage message : into) {
            released += sizeOf(message);
        }
        bytes.addAndGet(-released);
        return into.size();
    }

    int depth() {
        return queue.size();
    }

    int capacity() {
        return queue.size() + queue.remainingCapacity();
    }

    private static long sizeOf(InboundMessage message) {
        return message.body() == null ? 0 : message.body().length;
    }
}
