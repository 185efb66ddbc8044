package dev.klaxon.app.ui.command;

import java.util.Objects;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * Lays one overlay (the command palette, the shortcuts) over the window's content, on a dimmed backdrop that closes
 * it when clicked. The keyboard goes to the overlay while it is open and back to where it was when it closes.
 * FX thread only.
 */
public final class OverlayHost {
    private static final String STYLESHEET = Objects.requireNonNull(
            OverlayHost.class.getResource("/dev/klaxon/app/overlays.css")).toExternalForm();

    private final StackPane pane;
    private final Region backdrop = new Region();
    private Node overlay;
    private Node focusBefore;

    public OverlayHost(Parent content) {
        pane = new StackPane(content) {
            @Override
            protected void layoutChildren() {
                super.layoutChildren();
                // Exactly the window, as when the content was the scene's root: a StackPane would keep it at its
                // minimum size and let it hang out of a small window (the status bar below the bottom edge).
                content.resizeRelocate(0, 0, getWidth(), getHeight());
            }
        };
        pane.getStylesheets().add(STYLESHEET);
        backdrop.getStyleClass().add("overlay-backdrop");
        backdrop.setOnMouseClicked(event -> close());
    }

    /** What the scene shows: the content, and the overlay when one is open. */
    public Parent node() {
        return pane;
    }

    /** A layer that always floats over the content and under any overlay, e.g. the alert toasts. */
    public void addLayer(Node layer) {
        pane.getChildren().add(1, layer);
    }

    public boolean isOpen() {
        return overlay != null;
    }

    /** True while this very overlay is the one open. */
    public boolean isOpen(Node card) {
        return overlay == card;
    }

    /** Shows the card near the top of the window (where the eye already is) and gives the keyboard to focus. */
    public void open(Node card, Node focus) {
        close();
        focusBefore = pane.getScene() == null ? null : pane.getScene().getFocusOwner();
        overlay = card;
        StackPane.setAlignment(card, Pos.TOP_CENTER);
        StackPane.setMargin(card, new Insets(72, 24, 24, 24));
        pane.getChildren().addAll(backdrop, card);
        focus.requestFocus();
    }

    public void close() {
        if (overlay == null) {
            return;
        }
        pane.getChildren().removeAll(backdrop, overlay);
        overlay = null;
        Node back = focusBefore;
        focusBefore = null;
        if (back != null && back.getScene() != null) {
            back.requestFocus();
        }
    }
}
