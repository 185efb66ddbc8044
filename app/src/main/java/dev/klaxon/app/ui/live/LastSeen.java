package dev.klaxon.app.ui.live;

import dev.klaxon.app.ui.common.Formats;
import java.time.Instant;
import java.util.Comparator;

/** When a subject was last seen and how that reads relative to the snapshot's time; sorts by the instant. */
public record LastSeen(Instant at, String text) implements Comparable<LastSeen> {
    private static final Comparator<Instant> ORDER = Comparator.nullsFirst(Comparator.naturalOrder());

    public static LastSeen of(Instant at, Instant now) {
        return new LastSeen(at, Formats.ago(at, now));
    }

    @Override
    public int compareTo(LastSeen other) {
        return ORDER.compare(at, other.at);
    }

    @Override
    public String toString() {
        return text;
    }
}
