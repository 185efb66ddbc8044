package dev.klaxon.app.ui.notify;

import atlantafx.base.controls.Notification;
import atlantafx.base.theme.Styles;
import atlantafx.base.util.Animations;
import dev.klaxon.app.outlets.Alert;
import dev.klaxon.app.outlets.AlertDigest;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Alerts as toasts in the window's top right corner, newest on top: a few at most (older ones make room), each
 * closing by itself after a while unless the mouse rests on it. Meant for a {@link StackPane} over the console; it
 * lets clicks through wherever there is no toast. FX thread only.
 */
final class ToastStack {
    static final int MAX_SHOWN = 3;
    private static final Duration LIFETIME = Duration.seconds(12);
    private static final double WIDTH = 420;

    private final VBox box = new VBox(8);

    ToastStack() {
        box.setId("alert-toasts");
        box.getStyleClass().add("alert-toasts");
        box.setPickOnBounds(false);
        box.setFillWidth(true);
        box.setMaxSize(WIDTH, Region.USE_PREF_SIZE);
        StackPane.setAlignment(box, Pos.BOTTOM_LEFT);
        // Bottom left, above the status bar, over the oldest tail rows: on the right they covered the incidents' and
        // the flood list's action buttons.
        StackPane.setMargin(box, new Insets(0, 0, 44, 16));
    }

    Node node() {
        return box;
    }

    void show(List<Alert> alerts) {
        List<Alert> shown = AlertDigest.fold(alerts, MAX_SHOWN);
        for (int i = shown.size() - 1; i >= 0; i--) {
            box.getChildren().add(0, toast(shown.get(i)));
        }
        while (box.getChildren().size() > MAX_SHOWN) {
            box.getChildren().remove(box.getChildren().size() - 1);
        }
    }

    private Notification toast(Alert alert) {
        boolean incident = alert.kind() == Alert.Kind.INCIDENT;
        // An icon and words for the kind: the colour is never the only signal.
        FontIcon icon = new FontIcon(incident ? Material2MZ.NOTIFICATION_IMPORTANT : Material2MZ.PAUSE_CIRCLE_OUTLINE);
        String message = alert.text().isEmpty() ? alert.title() : alert.title() + "\n" + alert.text();
        Notification toast = new Notification(message, icon);
        toast.getStyleClass().addAll("alert-toast", Styles.ELEVATED_2, incident ? Styles.DANGER : Styles.WARNING);
        toast.setAccessibleText((incident ? "Incident alert: " : "Flood alert: ") + message);
        toast.setMaxHeight(Region.USE_PREF_SIZE);
        toast.setUserData(alert);

        PauseTransition life = new PauseTransition(LIFETIME);
        life.setOnFinished(e -> dismiss(toast));
        toast.setOnMouseEntered(e -> life.pause());
        toast.setOnMouseExited(e -> life.play());
        toast.setOnClose(e -> {
            life.stop();
            box.getChildren().remove(toast);
        });
        life.play();
        return toast;
    }

    private void dismiss(Notification toast) {
        if (!box.getChildren().contains(toast)) {
            return;
        }
        var fade = Animations.fadeOut(toast, Duration.millis(250));
        fade.setOnFinished(e -> box.getChildren().remove(toast));
        fade.playFromStart();
    }
}
