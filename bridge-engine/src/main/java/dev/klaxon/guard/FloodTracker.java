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
 * Flood state per subject. When a subject's triggers (those that got past silences and dedup) cross
 * {@code guards.flood.per_subject}, it enters flood state: its triggers are held and counted, and one coalesced
 * event per window goes out instead (the first at once). When its rate has stayed at or under the threshold for a
 * whole window, the flood ends with a last update for what was held since the previous one. Bounded: at most
 * {@link #MAX_SUBJECTS} subjects are tracked, the least recently seen go first (a subject in flood state is seen
 * constantly). Used by the processing thread only.
 */
final class FloodTracker {
    static final int MAX_SUBJECTS = 10_000;

    private final RateLimit threshold;
    private final Duration coolDown;
    private final CoalescedEventRenderer renderer = new CoalescedEventRenderer();
    private final Consumer<GuardEvent> events;
    private final Map<String, SubjectRate> subjects = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SubjectRate> eldest) {
            return size() > MAX_SUBJECTS && eldest.getValue().flood == null;
        }
    };
    /** The subjects in flood state, so ticks need not walk every tracked subject. */
    private final Map<String, SubjectRate> flooding = new LinkedHashMap<>();
    /** What {@link #status()} answers other threads; rebuilt by the processing thread on every tick. */
    private volatile List<FloodStatus> status = List.of();

    FloodTracker(RateLimit threshold, Consumer<GuardEvent> events) {
        this.threshold = threshold;
        this.coolDown = threshold.window();
        this.events = events;
    }

    /** Counts a trigger about to be sent; true when it must be held instead. */
    boolean hold(String subject, RouteRule rule, AlertMessage message, Instant now) {
        SubjectRate rate = subjects.computeIfAbsent(subject, s -> new SubjectRate(threshold.window()));
        rate.count.add(now);
        boolean over = rate.count.count(now) > threshold.count();
        if (rate.flood == null) {
            if (!over) {
                return false;
            }
            rate.flood = new Flood(subject, rule, now);
            flooding.put(subject, rate);
            events.accept(new GuardEvent.FloodStarted(subject, now, threshold));
        }
        Flood flood = rate.flood;
        flood.whole.add(message, now);
        flood.window.add(message, now);
        if (over) {
            flood.lastOver = now;
        }
        if (flood.lastUpdate == null || !now.isBefore(flood.lastUpdate.plus(threshold.window()))) {
            update(flood, now);
        }
        return true;
    }

    /** Sends due updates and ends floods that have cooled down; call often (every few hundred ms). */
    void tick(Instant now) {
        Iterator<Map.Entry<String, SubjectRate>> it = flooding.entrySet().iterator();
        while (it.hasNext()) {
            SubjectRate rate = it.next().getValue();
            Flood flood = rate.flood;
            if (rate.count.count(now) > threshold.count()) {
                flood.lastOver = now;
            }
            boolean ending = !now.isBefore(flood.lastOver.plus(coolDown));
            boolean due = !now.isBefore(flood.lastUpdate.plus(threshold.window()));
            if (flood.window.count() > 0 && (due || ending)) {
                update(flood, now);
            }
            if (ending) {
                events.accept(new GuardEvent.FloodEnded(flood.subject, now, flood.whole.count()));
                rate.flood = null;
                it.remove();
            }
        }
        List<FloodStatus> current = new ArrayList<>(flooding.size());
        for (SubjectRate rate : flooding.values()) {
            current.add(new FloodStatus(rate.flood.subject, rate.flood.since, rate.flood.whole.count()));
        }
        status = List.copyOf(current);
    }

    /** Why a trigger on {@code subject} would be held now, if it would. Processing thread only. */
    Optional<String> describe(String subject) {
        SubjectRate rate = subjects.get(subject);
        if (rate == null || rate.flood == null) {
            return Optional.empty();
        }
        Flood flood = rate.flood;
        return Optional.of("held: " + subject + " is in flood state since " + flood.since + " (over "
                + threshold.count() + " per " + threshold.window().toSeconds() + " s); " + flood.whole.count()
                + " held so far, one coalesced event per " + threshold.window().toSeconds() + " s");
    }

    /** Subjects in flood state with what each has held, as of the last tick. Any thread. */
    List<FloodStatus> status() {
        return status;
    }

    private void update(Flood flood, Instant now) {
        events.accept(new GuardEvent.Coalesced(flood.subject, flood.rule.index(), flood.rule.label(),
                renderer.render(flood.subject, flood.rule, threshold, flood.whole, flood.window, flood.since), now));
        flood.window = new FloodSummary();
        flood.lastUpdate = now;
    }

    private static final class SubjectRate {
        final SlidingCount count;
        Flood flood;

        SubjectRate(Duration window) {
            this.count = new SlidingCount(window);
        }
    }

    private static final class Flood {
        final String subject;
        final RouteRule rule;
        final Instant since;
        final FloodSummary whole = new FloodSummary();
        FloodSummary window = new FloodSummary();
        Instant lastUpdate;
        Instant lastOver;

        Flood(String subject, RouteRule rule, Instant since) {
            this.subject = subject;
            this.rule = rule;
            this.since = since;
            this.lastOver = since;
        }
    }
}
