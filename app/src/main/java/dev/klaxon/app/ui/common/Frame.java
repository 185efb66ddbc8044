package dev.klaxon.app.ui.common;

import dev.klaxon.app.feed.FloodPicture;
import dev.klaxon.app.feed.TailUpdate;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.incidents.DeskSnapshot;
import java.util.List;

/**
 * What one frame hands every view: the newest of each thing the window read, so every part of the window paints
 * from the same picture, whatever the message rate.
 *
 * @param nanos         the frame's time ({@code AnimationTimer}'s clock)
 * @param snapshot      the engine's newest snapshot, or null before the first
 * @param snapshotIsNew true when {@code snapshot} was not in the previous frame
 * @param flooding      subjects in flood state and what is held under each, read together
 * @param tail          the newest read of the watched subject's tail, or null
 * @param incidents     the incident desk's newest picture
 */
public record Frame(long nanos, EngineSnapshot snapshot, boolean snapshotIsNew, FloodPicture flooding,
                    TailUpdate tail, DeskSnapshot incidents) {
    /** The subjects in flood state of {@link #flooding}. */
    public List<FloodStatus> floods() {
        return flooding.floods();
    }
}
