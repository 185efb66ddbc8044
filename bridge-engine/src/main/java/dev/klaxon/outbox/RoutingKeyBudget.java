package dev.klaxon.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * PagerDuty's per-integration-key limit (about 120 events per sliding 60 s) kept on our side, so events over budget
 * wait in the outbox instead of drawing 429s. Exact sliding window: a send at time {@code t} counts while
 * {@code now - window < t <= now}, i.e. it frees its slot at exactly {@code t + window}.
 *
 * <p>Memory is bounded: per key a ring of at most {@code limit} timestamps, and a key whose ring has emptied is
 * dropped, so only keys used within the last window are kept. Thread-safe (one lock: every operation is a few
 * array steps, and the sender calls it once per send).
 *
 * <p>Timestamps are expected not to go backwards; an earlier {@code now} than a recorded send is treated as that
 * send's time, so a clock step back can delay sends but never exceed the budget.
 */
public final class RoutingKeyBudget {

    public static final int DEFAULT_LIMIT = 120;
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);

    private final int limit;
    private final long windowMillis;
    private final Map<String, Ring> rings = new HashMap<>();

    public RoutingKeyBudget(int limit, Duration window) {
        Objects.requireNonNull(window, "window");
        if (limit <= 0 || window.toMillis() <= 0) {
            throw new IllegalArgumentException("budget needs a positive limit and window, got " + limit + "/" + window);
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
    }

    public static RoutingKeyBudget defaults() {
        return new RoutingKeyBudget(DEFAULT_LIMIT, DEFAULT_WINDOW);
    }

    /** Takes a slot for {@code key} at {@code now} if one is free. */
    public synchronized boolean tryAcquire(String key, Instant now) {
        long at = now.toEpochMilli();
        Ring ring = rings.computeIfAbsent(key, k -> new Ring(limit));
        ring.evict(at - windowMillis);
        if (ring.size == limit) {
            return false;
        }
        ring.add(Math.max(at, ring.newest()));
        return true;
    }

    /** The earliest instant at which {@link #tryAcquire} can succeed for {@code key}: {@code now} if it can now. */
    public synchronized Instant nextFreeAt(String key, Instant now) {
        Ring ring = live(key, now);
        if (ring == null || ring.size < limit) {
            return now;
        }
        return Instant.ofEpochMilli(ring.oldest() + windowMillis);
    }

    /** Slots of {@code key} taken within the window ending at {@code now}. */
    public synchronized int used(String key, Instant now) {
        Ring ring = live(key, now);
        return ring == null ? 0 : ring.size;
    }

    /** Slots taken per key within the window ending at {@code now}, keys with none left out, sorted by key. */
    public synchronized Map<String, Integer> usage(Instant now) {
        Map<String, Integer> usage = new TreeMap<>();
        long horizon = now.toEpochMilli() - windowMillis;
        for (Iterator<Map.Entry<String, Ring>> it = rings.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Ring> entry = it.next();
            entry.getValue().evict(horizon);
            if (entry.getValue().size == 0) {
                it.remove();
            } else {
                usage.put(entry.getKey(), entry.getValue().size);
            }
        }
        return usage;
    }

    public int limit() {
        return limit;
    }

    public Duration window() {
        return Duration.ofMillis(windowMillis);
    }

    private Ring live(String key, Instant now) {
        Ring ring = rings.get(key);
        if (ring == null) {
            return null;
        }
        ring.evict(now.toEpochMilli() - windowMillis);
        if (ring.size == 0) {
            rings.remove(key);
            return null;
        }
        return ring;
    }

    /** Send times of one key, oldest first, in a fixed array used as a circular buffer. */
    private static final class Ring {
        private final long[] times;
        private int start;
        private int size;

        Ring(int capacity) {
            times = new long[capacity];
        }

        void add(long at) {
            times[(start + size) % times.length] = at;
            size++;
        }

        long oldest() {
            return times[start];
        }

        long newest() {
            return size == 0 ? Long.MIN_VALUE : times[(start + size - 1) % times.length];
        }

        /** Drops sends at or before {@code horizon}: they have left the window. */
        void evict(long horizon) {
            while (size > 0 && times[start] <= horizon) {
                start = (start + 1) % times.length;
                size--;
            }
        }
    }
}
