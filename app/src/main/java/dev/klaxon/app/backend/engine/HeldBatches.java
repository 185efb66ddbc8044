package dev.klaxon.app.backend.engine;

import dev.klaxon.app.backend.HeldBatch;
import dev.klaxon.guard.HeldEvent;
import java.util.List;

/** Counts the engine's held triggers of a subject into one batch, from the one list read. */
final class HeldBatches {
    private HeldBatches() {
    }

    static HeldBatch of(String subject, List<HeldEvent> held) {
        long newest = 0;
        for (HeldEvent event : held) {
            newest = Math.max(newest, event.id());
        }
        return new HeldBatch(subject, held.size(), newest);
    }
}
