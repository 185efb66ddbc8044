package dev.klaxon.app.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import org.testfx.util.WaitForAsyncUtils;

/** Reads FX state from a test thread, on the FX thread, so assertions never race the scene graph. */
public final class FxQuery {
    private FxQuery() {
    }

    public static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * True when {@code node} is in a scene and neither it nor any ancestor is hidden: what a click at its place
     * reaches. {@link Node#isVisible()} alone is not that: a tab's content is visible inside a hidden tab, and a
     * click aimed at it lands on the tab that still shows. FX thread.
     */
    public static boolean shown(Node node) {
        if (node.getScene() == null) {
            return false;
        }
        for (Node at = node; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
