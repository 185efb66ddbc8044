package dev.klaxon.app.backend;

import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.stats.TailEntry;
import java.util.List;

/** The engine's live state; every read is from memory and cheap, though the console polls it off the FX thread. */
public interface LiveBackend {
    EngineSnapshot snapshot();

    /** Recent messages of one subject, oldest first. */
    List<TailEntry> tail(String subject);

    /** Subjects in flood state with what each has held (the engine refreshes it every ~100 ms). */
    List<FloodStatus> floods();

    /** What flood state holds under one subject now, counted with the newest id (see {@link HeldBatch}). */
    HeldBatch held(String subject);
}
