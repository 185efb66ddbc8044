package dev.klaxon.app.ui.shell;

import atlantafx.base.theme.Styles;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * What the window shows while the engine (and in demo mode the nats-server) starts in the background, or why it
 * could not start.
 */
public final class StartupView {
    private final VBox root;

    /** @param busy true while starting (spinner), false for a final message */
    public StartupView(String doing, boolean busy) {
        Label title = new Label("Klaxon", new FontIcon(Material2MZ.NOTIFICATIONS_ACTIVE));
        title.getStyleClass().addAll("brand", Styles.TITLE_2);
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(36, 36);
        Label status = new Label(doing);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.setWrapText(true);
        progress.setVisible(busy);
        root = new VBox(title, progress, status);
        root.getStyleClass().add("startup-pane");
    }

    public Parent node() {
        return root;
    }
}
