package dev.klaxon.app.ui.shell;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import javafx.scene.Node;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/** The dismissible messages under the toolbar: information, and what the operator's last action did. FX only. */
final class Banners {
    private final VBox node = new VBox();
    private Message actionBanner;

    Node node() {
        return node;
    }

    /** An information banner (e.g. "wrote a default config to ..."); stays until closed. */
    void showInfo(String title, String text) {
        Message message = new Message(title, text, new FontIcon(Material2AL.INFO));
        message.getStyleClass().add(Styles.ACCENT);
        message.setId("info-banner");
        message.setOnClose(event -> node.getChildren().remove(message));
        node.getChildren().add(message);
    }

    /** What an operator action just did; replaces the previous one, so results never pile up. */
    void showActionResult(String title, String text) {
        node.getChildren().remove(actionBanner);
        Message message = new Message(title, text, new FontIcon(Material2AL.CHECK_CIRCLE_OUTLINE));
        message.getStyleClass().add(Styles.SUCCESS);
        message.setId("action-banner");
        message.setOnClose(event -> node.getChildren().remove(message));
        actionBanner = message;
        node.getChildren().add(message);
    }
}
