package dev.klaxon.app.ui.common;

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
 * @param floods        subjects in flood state with what each holds
 * @param tail          the newest read of the watched subject's tail, or null
 * @param incidents     the incident desk's newest picture
 */
public record Frame(long nanos, EngineSnapshot snapshot, boolean snapshotIsNew, List<FloodStatus> floods,
                    TailUpdate tail, DeskSnapshot incidents) {
}
