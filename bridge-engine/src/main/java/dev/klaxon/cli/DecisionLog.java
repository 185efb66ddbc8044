package dev.klaxon.cli;

import dev.klaxon.decision.Outcome;
import dev.klaxon.engine.EngineSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * What the headless bridge logs: at most one line per outcome per interval, never one per message, so a flood
 * cannot flood the log. Stateless: the caller keeps the previous snapshot.
 */
final class DecisionLog {
    private DecisionLog() {
    }

    static List<String> lines(EngineSnapshot previous, EngineSnapshot current) {
        List<String> lines = new ArrayList<>();
        String at = current.at().toString();
        for (Outcome outcome : Outcome.values()) {
            long delta = current.total(outcome) - previous.total(outcome);
            if (delta > 0) {
                String last = current.lastReasons().getOrDefault(outcome, "");
                lines.add(String.format("%s %-9s +%d  last: %s", at, outcome.label(), delta, last));
            }
        }
        long overflowed = current.ingest().overflowed() - previous.ingest().overflowed();
        if (overflowed > 0) {
            lines.add(String.format("%s overflow  +%d  engine queue full (%d/%d); messages not processed", at,
                    overflowed, current.ingest().queueDepth(), current.ingest().queueCapacity()));
        }
        long dropped = current.ingest().clientDropped() - previous.ingest().clientDropped();
        if (dropped > 0) {
            lines.add(String.format("%s dropped   +%d  by the NATS client (slow consumer)", at, dropped));
        }
        return lines;
    }
}
