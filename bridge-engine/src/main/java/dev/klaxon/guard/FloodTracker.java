package dev.klaxon.guard;

import dev.klaxon.config.RateLimit;
import dev.klaxon.message.AlertMessage;
import dev.klaxon.route.RouteRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Flood state for one threshold ({@code guards.flood.per_subject}, {@code per_routing_key} or {@code global}), per
 * key of its {@link FloodScope}. When a key's triggers (those that got past the earlier guards) cross the threshold,
 * it enters flood state: its triggers are held and counted, and, where the scope coalesces, one coalesced event per
 * window goes out instead (the first at once). When its rate has stayed at or under the threshold for a whole
 * window, the flood ends with a last update for what was held since the previous one. Bounded: at most
 * {@link #MAX_KEYS} keys are tracked, the least recently seen go first (a key in flood state is seen constantly).
 * Used under {@link PagerGuards}' lock.
 */
final class FloodTracker {
    static final int MAX_KEYS = 10_000;

    private final FloodScope scope;
    private final RateLimit threshold;
    private final Duration coolDown;
    private final CoalescedEventRenderer renderer = new CoalescedEventRenderer();
    private final Consumer<GuardEvent> events;
    private final Map<String, KeyRate> keys = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, KeyRate> eldest) {
            return size() > MAX_KEYS && eldest.getValue().flood == null;
        }
    };
    /** The keys in flood state, so ticks need not walk every tracked key. */
    private final Map<String, KeyRate> flooding = new LinkedHashMap<>();
    /** What {@link #status()} answers other threads; rebuilt on every tick. */
    private volatile List<FloodStatus> status = List.of();

    FloodTracker(FloodScope scope, RateLimit threshold, Consumer<GuardEvent> events) {
        this.scope = scope;
        this.threshold = threshold;
        this.coolDown = threshold.window();
        this.events = events;
    }

    /**
     * Counts a trigger about to be sent; true when it must be held instead.
     *
     * @param holdable false for a trigger that counts toward the rate but is never held (the global threshold lets
     *                 critical alerts through)
     */
    boolean hold(String subject, RouteRule rule, AlertMessage message, Instant now, boolean holdable) {
        String key = scope.key(subject, rule);
        KeyRate rate = keys.computeIfAbsent(key, k -> new KeyRate(threshold.window()));
        rate.count.add(now);
        boolean over = rate.count.count(now) > threshold.count();
        if (rate.flood == null) {
            if (!over) {
                return false;
            }
            rate.flood = new Flood(key, rule, now);
            flooding.put(key, rate);
            events.accept(new GuardEvent.FloodStarted(scope.describe(key), now, threshold));
        }
        Flood flood = rate.flood;
        if (over) {
            flood.lastOver = now;
        }
        if (!holdable) {
            return false;
        }
        flood.whole.add(message, now);
        flood.window.add(message, now);
        if (flood.lastUpdate == null || !now.isBefore(flood.lastUpdate.plus(threshold.window()))) {
            update(flood, now);
        }
        return true;
    }

    /** Sends due updates and ends floods that have cooled down; call often (every few hundred ms). */
    void tick(Instant now) {
        Iterator<Map.Entry<String, KeyRate>> it = flooding.entrySet().iterator();
        while (it.hasNext()) {
            KeyRate rate = it.next().getValue();
            Flood flood = rate.flood;
            if (rate.count.count(now) > threshold.count()) {
                flood.lastOver = now;
            }
            boolean ending = !now.isBefore(flood.lastOver.plus(coolDown));
            boolean due = flood.lastUpdate == null || !now.isBefore(flood.lastUpdate.plus(threshold.window()));
            if (flood.window.count() > 0 && (due || ending)) {
                update(flood, now);
            }
            if (ending) {
                events.accept(new GuardEvent.FloodEnded(scope.describe(flood.key), now, flood.whole.count()));
                rate.flood = null;
                it.remove();
            }
        }
        List<FloodStatus> current = new ArrayList<>(flooding.size());
        for (KeyRate rate : flooding.values()) {
            current.add(new FloodStatus(scope.describe(rate.flood.key), rate.flood.since, rate.flood.whole.count()));
        }
        status = List.copyOf(current);
    }

    /**
     * Ends every flood now, each with its last update, as a cool-down would: its threshold changed or went (a
     * config reload). Under {@link PagerGuards}' lock.
     */
    void endAll(Instant now) {
        for (KeyRate rate : flooding.values()) {
            Flood flood = rate.flood;
            if (flood.window.count() > 0) {
                update(flood, now);
            }
            events.accept(new GuardEvent.FloodEnded(scope.describe(flood.key), now, flood.whole.count()));
            rate.flood = null;
        }
        flooding.clear();
        status = List.of();
    }

    FloodScope scope() {
        return scope;
    }

    RateLimit threshold() {
        return threshold;
    }

    /** Why a trigger on {@code subject} routed by {@code rule} would be held now, if it would. */
    Optional<String> describe(String subject, RouteRule rule) {
        KeyRate rate = keys.get(scope.key(subject, rule));
        if (rate == null || rate.flood == null) {
            return Optional.empty();
        }
        Flood flood = rate.flood;
        String seconds = threshold.window().toSeconds() + " s";
        // Whole seconds: a reason is read by a person, and nanoseconds only make it harder to read.
        return Optional.of("held: " + scope.describe(flood.key) + " is in flood state since "
                + flood.since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + " (over " + threshold.count() + " per " + seconds + "); " + flood.whole.count() + " held so far, "
                + (scope.coalesces() ? "one coalesced event per " + seconds : "kept for review"));
    }

    /** Keys in flood state with what each has held, as of the last tick. Any thread. */
    List<FloodStatus> status() {
        return status;
    }

    private void update(Flood flood, Instant now) {
        if (scope.coalesces()) {
            events.accept(new GuardEvent.Coalesced(scope.describe(flood.key), flood.rule.index(),
                    flood.rule.label(), flood.rule.routingKeyRef(),
                    renderer.render(scope, flood.key, flood.rule, threshold, flood.whole,
                    flood.window, flood.since), now));
        }
        flood.window = new FloodSummary();
        flood.lastUpdate = now;
    }

    private static final class KeyRate {
        final SlidingCount count;
        Flood flood;

        KeyRate(Duration window) {
            this.count = new SlidingCount(window);
        }
    }

    private static final class Flood {
        final String key;
        final RouteRule rule;
        final Instant since;
        final FloodSummary whole = new FloodSummary();
        FloodSummary window = new FloodSummary();
        Instant lastUpdate;
        Instant lastOver;

        Flood(String key, RouteRule rule, Instant since) {
            this.key = key;
            this.rule = rule;
            this.since = since;
            this.lastOver = since;
        }
    }
}
