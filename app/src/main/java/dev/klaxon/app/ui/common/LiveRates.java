package dev.klaxon.app.ui.common;

import dev.klaxon.app.rates.RateHistory;
import dev.klaxon.engine.EngineSnapshot;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * The last 15 minutes of message rates, recorded once per new snapshot by the window and read by the flood chart and
 * the subjects' sparklines, with a version that changes when a bucket completes (when they are worth repainting).
 * FX thread only.
 */
public final class LiveRates {
    private final RateHistory history = new RateHistory();
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper(this, "version");

    public void record(EngineSnapshot snapshot) {
        history.record(snapshot);
        version.set(history.version());
    }

    public RateHistory history() {
        return history;
    }

    public ReadOnlyLongProperty version() {
        return version.getReadOnlyProperty();
    }
}
