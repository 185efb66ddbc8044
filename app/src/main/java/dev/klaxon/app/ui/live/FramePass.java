package dev.klaxon.app.ui.live;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Works through a list a slice per frame, each slice as long as a time budget allows. A count would not do: the
 * same 1,000 rows cost milliseconds once the JIT has compiled them and hundreds of milliseconds before, which is
 * exactly when a flood brings them all at once. A new list restarts the pass where the last one stopped, so under
 * a budget too tight to finish no item waits forever. FX thread only.
 */
final class FramePass<T> {
    private final LongSupplier clock;
    private final long budgetNanos;
    private List<T> items = List.of();
    private int next;
    private int left;

    /** @param clock nanoseconds, e.g. {@code System::nanoTime} */
    FramePass(LongSupplier clock, long budgetNanos) {
        this.clock = clock;
        this.budgetNanos = budgetNanos;
    }

    /** Starts a pass over these items, dropping what the previous pass had not reached: these are newer. */
    void start(List<T> newer) {
        items = newer;
        left = newer.size();
        next = newer.isEmpty() ? 0 : next % newer.size();
    }

    boolean done() {
        return left == 0;
    }

    /** The items of the pass in progress (or the last one). */
    List<T> items() {
        return items;
    }

    /**
     * Hands items to {@code step} until the budget is spent, and always at least one, so that a frame slowed by
     * something else still moves the pass on. True when this slice finished the pass.
     */
    boolean run(Consumer<T> step) {
        if (left == 0) {
            return false;
        }
        long deadline = clock.getAsLong() + budgetNanos;
        do {
            step.accept(items.get(next));
            next = next + 1 == items.size() ? 0 : next + 1;
            left--;
        } while (left > 0 && clock.getAsLong() - deadline < 0);
        return left == 0;
    }
}
