package dev.klaxon.app.ui.notify;

import dev.klaxon.app.outlets.Alert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides which alerts reach the person: at most one per key (a subject, an incident's service) per minute, and none
 * while muted. Alerts held back are dropped rather than queued: a page that keeps re-firing is already on screen, and
 * a backlog played after a mute would only bury the next real one. FX thread only (not thread-safe).
 */
public final class AlertPolicy {
    /** One alert per key per this long. */
    public static final Duration PER_KEY = Duration.ofMinutes(1);

    private final Clock clock;
    /** Last alert per key; pruned on each call, so it holds only the keys alerted in the last minute. */
    private final Map<String, Instant> lastSent = new HashMap<>();
    private Mute mute = Mute.OFF;

    public AlertPolicy(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The alerts to deliver now, in order; remembers them so the same key stays quiet for a minute. */
    public List<Alert> admit(List<Alert> candidates) {
        Instant now = clock.instant();
        lastSent.values().removeIf(at -> !at.plus(PER_KEY).isAfter(now));
        if (candidates.isEmpty() || mute(now).on()) {
            return List.of();
        }
        List<Alert> admitted = new ArrayList<>(candidates.size());
        for (Alert alert : candidates) {
            if (lastSent.putIfAbsent(alert.key(), now) == null) {
                admitted.add(alert);
            }
        }
        return admitted;
    }

    /** Mutes for a while; replaces any earlier mute (a shorter one included: the last word counts). */
    public void muteFor(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("mute period must be positive, was " + period);
        }
        mute = new Mute(true, clock.instant().plus(period));
    }

    /** Mutes until {@link #unmute()}. */
    public void muteUntilUnmuted() {
        mute = new Mute(true, null);
    }

    public void unmute() {
        mute = Mute.OFF;
    }

    /** The mute as of now; a mute whose time is up reads (and stays) off. */
    public Mute mute() {
        return mute(clock.instant());
    }

    private Mute mute(Instant now) {
        if (mute.until() != null && !now.isBefore(mute.until())) {
            mute = Mute.OFF;
        }
        return mute;
    }

    /** @param until when a timed mute ends; null when off or muted until unmuted */
    public record Mute(boolean on, Instant until) {
        public static final Mute OFF = new Mute(false, null);
    }
}
