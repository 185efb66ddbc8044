package dev.klaxon.app.ui.live;

import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.decision.Outcome;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A subject's counts per decision, as the table shows them: the ordinary outcomes in one compact line, rejections
 * apart so they can be flagged. Sorting puts the subjects with the most rejections first when descending.
 */
public record Breakdown(Map<Outcome, Long> counts) implements Comparable<Breakdown> {
    public static final Breakdown EMPTY = new Breakdown(Map.of());

    public Breakdown {
        EnumMap<Outcome, Long> copy = new EnumMap<>(Outcome.class);
        if (counts != null) {
            counts.forEach((outcome, n) -> {
                if (outcome != null && n != null && n > 0) {
                    copy.put(outcome, n);
                }
            });
        }
        counts = Map.copyOf(copy);
    }

    public long count(Outcome outcome) {
        return counts.getOrDefault(outcome, 0L);
    }

    public long rejected() {
        return count(Outcome.REJECTED);
    }

    /** E.g. "shadowed 12 · logged 3", in the enum's order; empty when only rejections (or nothing). */
    public String summary() {
        StringJoiner line = new StringJoiner(" · ");
        for (Outcome outcome : Outcome.values()) {
            if (outcome != Outcome.REJECTED && count(outcome) > 0) {
                line.add(outcome.label() + " " + Formats.count(count(outcome)));
            }
        }
        return line.toString();
    }

    @Override
    public int compareTo(Breakdown other) {
        int byRejected = Long.compare(rejected(), other.rejected());
        if (byRejected != 0) {
            return byRejected;
        }
        long mine = counts.values().stream().mapToLong(Long::longValue).sum();
        long theirs = other.counts.values().stream().mapToLong(Long::longValue).sum();
        return Long.compare(mine, theirs);
    }
}
