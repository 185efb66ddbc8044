package dev.klaxon.app.ui.common;

import java.time.Duration;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;

/**
 * Reads a view's data at once when the view is shown and every {@code period} while it stays shown; nothing while
 * it is hidden, so a view nobody looks at costs the engine nothing. FX thread only.
 */
public final class RefreshWhileShown {
    private final Runnable refresh;
    private final Timeline timeline;
    private boolean shown;

    public RefreshWhileShown(Duration period, Runnable refresh) {
        this.refresh = refresh;
        this.timeline = new Timeline(new KeyFrame(javafx.util.Duration.millis(period.toMillis()), e -> refresh.run()));
        this.timeline.setCycleCount(Animation.INDEFINITE);
    }

    /** @return true when this changed whether the view is shown (a repeated call does nothing) */
    public boolean setShown(boolean shown) {
        if (shown == this.shown) {
            return false;
        }
        this.shown = shown;
        if (shown) {
            refresh.run();
            timeline.play();
        } else {
            timeline.stop();
        }
        return true;
    }

    public boolean shown() {
        return shown;
    }

    public void stop() {
        timeline.stop();
    }
}
