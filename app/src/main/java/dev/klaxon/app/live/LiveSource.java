package dev.klaxon.app.live;

import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.stats.TailEntry;
import java.util.List;

/** The two engine reads the live views need; a seam so the views never see the rest of the engine. */
public interface LiveSource {
    EngineSnapshot snapshot();

    /** Recent messages of one subject, oldest first. */
    List<TailEntry> tail(String subject);

    static LiveSource of(Engine engine) {
        return new LiveSource() {
            @Override
            public EngineSnapshot snapshot() {
                return engine.snapshot();
            }

            @Override
            public List<TailEntry> tail(String subject) {
                return engine.tail(subject);
            }
        };
    }
}
