package dev.klaxon.app.feed;

import dev.klaxon.stats.TailEntry;
import java.util.List;

/** The recent messages of the watched subject as last read from the engine, oldest first. */
public record TailUpdate(String subject, List<TailEntry> entries) {
    public TailUpdate {
        entries = List.copyOf(entries);
    }
}
