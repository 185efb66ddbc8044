package dev.klaxon.app.backend.engine;

import dev.klaxon.app.backend.HeldBatch;
import dev.klaxon.app.backend.LiveBackend;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.stats.TailEntry;
import java.util.List;

/** The engine's in-memory live state, read as it is. */
record EngineLive(Engine engine) implements LiveBackend {
    @Override
    public EngineSnapshot snapshot() {
        return engine.snapshot();
    }

    @Override
    public List<TailEntry> tail(String subject) {
        return engine.tail(subject);
    }

    @Override
    public List<FloodStatus> floods() {
        return engine.floods();
    }

    @Override
    public HeldBatch held(String subject) {
        return HeldBatches.of(subject, engine.heldEvents(subject));
    }
}
