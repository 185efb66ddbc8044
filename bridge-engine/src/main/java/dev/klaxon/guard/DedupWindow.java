package dev.klaxon.guard;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers when each dedup_key last had a trigger sent, so a repeat inside the window is counted instead of sent.
 * A resolve forgets the key: the next trigger is a new problem and must page. Bounded: the least recently used keys
 * go first, so a flood of unique keys cannot grow memory. Used by the processing thread only.
 */
final class DedupWindow {
    static final int MAX_KEYS = 100_000;

    private final Duration window;
    private final int maxKeys;
    private final Map<String, Instant> lastSent;

    DedupWindow(Duration window, int maxKeys) {
        this.window = window;
        this.maxKeys = maxKeys;
        this.lastSent = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** The same sends, judged by another window from now on (a config reload): a repeat must not page again. */
    DedupWindow withWindow(Duration next) {
        DedupWindow resized = new DedupWindow(next, maxKeys);
        resized.lastSent.putAll(lastSent);
        return resized;
    }

    Duration window() {
        return window;
    }

    /** When a trigger of {@code key} was sent within the window before {@code now}, that time. */
    Optional<Instant> sentWithinWindow(String key, Instant now) {
        Instant sent = lastSent.get(key);
        if (sent == null || !now.isBefore(sent.plus(window))) {
            return Optional.empty();
        }
        return Optional.of(sent);
    }

    void triggerSent(String key, Instant at) {
        lastSent.put(key, at);
    }

    void resolved(String key) {
        lastSent.remove(key);
    }
}
