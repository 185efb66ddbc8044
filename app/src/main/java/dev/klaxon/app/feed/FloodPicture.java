package dev.klaxon.app.feed;

import dev.klaxon.app.backend.HeldBatch;
import dev.klaxon.guard.FloodStatus;
import java.util.List;
import java.util.Map;

/**
 * The subjects in flood state and what is held under each, read together in one poll: every place that shows a
 * held count (table, button, confirmation) takes it from here, so they cannot disagree.
 *
 * @param held by subject in flood state
 */
public record FloodPicture(List<FloodStatus> floods, Map<String, HeldBatch> held) {
    public static final FloodPicture NONE = new FloodPicture(List.of(), Map.of());

    public FloodPicture {
        floods = List.copyOf(floods);
        held = Map.copyOf(held);
    }

    /** What was held under {@code subject} in this picture; none when it was not in flood. */
    public HeldBatch heldUnder(String subject) {
        return held.getOrDefault(subject, HeldBatch.none(subject));
    }
}
