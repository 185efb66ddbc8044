package dev.klaxon.app.ui.flood;

import dev.klaxon.app.backend.HeldBatch;
import dev.klaxon.guard.FloodStatus;

/**
 * One row of the subjects in flood: the flood and what was held under it in the same read. The Held cell, the
 * Release button and its confirmation all take {@code held} from this one row, so they show one number.
 */
record FloodRow(FloodStatus flood, HeldBatch held) {
    String subject() {
        return flood.subject();
    }
}
