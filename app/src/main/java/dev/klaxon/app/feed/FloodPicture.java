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

    /**
     * The floods with {@code held} as what is held under each name in this picture (what its release sends), for
     * views that show one count per subject. A routing key's or the global flood holds under its subjects: 0.
     */
    public List<FloodStatus> withHeldNow() {
        return floods.stream().map(flood -> new FloodStatus(flood.subject(), flood.since(),
                heldUnder(flood.subject()).count())).toList();
    }

    /** Whether {@code subject} was in flood in this picture (so {@link #heldUnder} was read with it). */
    public boolean counted(String subject) {
        return held.containsKey(subject);
    }

    /** What was held under {@code subject} in this picture; none when it was not in flood. */
    public HeldBatch heldUnder(String subject) {
        return held.getOrDefault(subject, HeldBatch.none(subject));
    }
}
