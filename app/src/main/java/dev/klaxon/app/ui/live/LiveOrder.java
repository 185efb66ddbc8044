package dev.klaxon.app.ui.live;

import java.util.function.BooleanSupplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * When live numbers may re-order the subjects' rows. Rows that move under a person make a click land on another
 * row and j/k start from a place they did not pick, so the order is re-sorted at most once a second, and not while
 * the person works in the list: while the pointer is over it, and for {@link #AFTER_PICK_NANOS} after they pick a
 * row (click, j/k, arrows, the palette). {@link #paused()} says when that holds back a re-sort that would move rows,
 * so the view can show it. Times are the frames' clock ({@code AnimationTimer} nanoseconds): a pick is stamped with
 * the next frame's time, so one clock decides everything. FX thread only.
 */
final class LiveOrder {
    static final long EVERY_NANOS = 1_000_000_000L;
    /** Long enough to read the row and act on it (s, r, j/k); short enough that the list is soon live again. */
    static final long AFTER_PICK_NANOS = 5_000_000_000L;

    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused");
    private boolean started;
    private long lastReorder;
    private long lastCheck;
    private boolean pickPending;
    private boolean picked;
    private long pickedAt;

    /** True while a re-sort that would move rows waits for the person to leave the list. */
    ReadOnlyBooleanProperty paused() {
        return paused.getReadOnlyProperty();
    }

    /** The person picked a row; its time is the next frame's. */
    void picked() {
        pickPending = true;
    }

    /**
     * Asked once a frame: true when the rows may be re-sorted by the live numbers now (the caller then does it).
     *
     * @param pointerOver whether the pointer is over the list
     * @param wouldMove   whether a re-sort now would move any row; asked at most once a second while held back
     */
    boolean mayReorder(long frameNanos, boolean pointerOver, BooleanSupplier wouldMove) {
        if (pickPending) {
            pickPending = false;
            picked = true;
            pickedAt = frameNanos;
        }
        if (!started) {
            started = true;
            lastReorder = frameNanos;
            lastCheck = frameNanos - EVERY_NANOS; // the frames' clock has no fixed origin: start from the first
            return true;
        }
        if (frameNanos - lastReorder < EVERY_NANOS) {
            return false;
        }
        boolean working = pointerOver || picked && frameNanos - pickedAt < AFTER_PICK_NANOS;
        if (working) {
            if (!paused.get() && frameNanos - lastCheck >= EVERY_NANOS) {
                lastCheck = frameNanos;
                paused.set(wouldMove.getAsBoolean());
            }
            return false;
        }
        lastReorder = frameNanos;
        paused.set(false);
        return true;
    }

    /** A re-sort the person asked for (a header click, a filter) happened: nothing waits any more. */
    void reordered() {
        paused.set(false);
    }
}
