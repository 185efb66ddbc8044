package dev.klaxon.cli;

import dev.klaxon.decision.Outcome;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.storage.StorageStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        storage(previous.storage(), current.storage(), at).ifPresent(lines::add);
        return lines;
    }

    /**
     * One line per interval while storage refuses writes (what is held, what was lost, the file and the OS
     * reason), one when it takes writes again, and one whenever events or audit rows were lost: a full disk is
     * never quiet, and never more than a line.
     */
    private static Optional<String> storage(StorageStatus previous, StorageStatus current, String at) {
        long lost = current.lost() - previous.lost();
        long auditLost = current.auditRowsLost() - previous.auditRowsLost();
        String losses = (lost > 0 ? ", +" + lost + " lost just now" : "")
                + (auditLost > 0 ? ", +" + auditLost + " audit row(s) not written" : "");
        if (!current.healthy()) {
            return Optional.of(String.format("%s storage   %s since %s: %d event(s) for PagerDuty held in memory "
                            + "(limit %d), %d lost%s; %s", at, current.state().name(), current.since(),
                    current.heldInMemory(), current.holdLimit(), current.lost(), losses, current.problem()));
        }
        if (!previous.healthy()) {
            return Optional.of(String.format("%s storage   writable again; %d event(s) still waiting to be "
                    + "committed, %d lost in all%s", at, current.heldInMemory(), current.lost(), losses));
        }
        if (!losses.isEmpty()) {
            return Optional.of(String.format("%s storage   %d lost in all%s", at, current.lost(), losses));
        }
        return Optional.empty();
    }
}
