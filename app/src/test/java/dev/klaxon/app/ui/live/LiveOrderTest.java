package dev.klaxon.app.ui.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When live numbers may re-order the subjects, on the frames' clock. */
class LiveOrderTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = -7 * SECOND; // the frames' clock may start anywhere, below zero too

    @Test
    void reordersAtMostOnceASecondWhileNobodyWorksInTheList() {
        LiveOrder order = new LiveOrder();
        assertThat(order.mayReorder(T0, false, () -> true)).isTrue();
        assertThat(order.mayReorder(T0 + SECOND / 2, false, () -> true)).isFalse();
        assertThat(order.mayReorder(T0 + SECOND, false, () -> true)).isTrue();
        assertThat(order.paused().get()).isFalse();
    }

    @Test
    void waitsWhileThePointerIsOverTheListAndSaysSoOnlyWhenRowsWouldMove() {
        LiveOrder order = new LiveOrder();
        order.mayReorder(T0, false, () -> true);
        assertThat(order.mayReorder(T0 + SECOND, true, () -> false)).isFalse();
        assertThat(order.paused().get()).as("nothing would move").isFalse();
        assertThat(order.mayReorder(T0 + 2 * SECOND, true, () -> true)).isFalse();
        assertThat(order.paused().get()).isTrue();
        assertThat(order.mayReorder(T0 + 2 * SECOND + 1, false, () -> true)).isTrue();
        assertThat(order.paused().get()).isFalse();
    }

    @Test
    void waitsFiveSecondsAfterAPickStampedWithTheNextFrame() {
        LiveOrder order = new LiveOrder();
        order.mayReorder(T0, false, () -> true);
        order.picked();
        long pickedFrame = T0 + 3 * SECOND;
        assertThat(order.mayReorder(pickedFrame, false, () -> true)).isFalse();
        assertThat(order.paused().get()).isTrue();
        assertThat(order.mayReorder(pickedFrame + LiveOrder.AFTER_PICK_NANOS - 1, false, () -> true)).isFalse();
        assertThat(order.mayReorder(pickedFrame + LiveOrder.AFTER_PICK_NANOS, false, () -> true)).isTrue();
        assertThat(order.paused().get()).isFalse();
    }

    @Test
    void aReorderTheOperatorAskedForClearsThePause() {
        LiveOrder order = new LiveOrder();
        order.mayReorder(T0, false, () -> true);
        order.mayReorder(T0 + SECOND, true, () -> true);
        assertThat(order.paused().get()).isTrue();
        order.reordered();
        assertThat(order.paused().get()).isFalse();
    }
}
