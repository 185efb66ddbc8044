package dev.klaxon.app.ui.notify;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The toolbar's bell: mute alerts for 15 minutes, an hour or until unmuted, and the sound on or off. While muted it
 * says so in words ("Muted until 14:05"), with a crossed-out bell. The sound starts on: alerts are for someone who is
 * not looking at the window, and a desktop notification alone is easy to miss (do-not-disturb, another screen); the
 * tone is half a second, at most one per frame and under the same once-a-minute limit. FX thread only.
 */
final class MuteControl {
    private static final PseudoClass MUTED = PseudoClass.getPseudoClass("muted");

    private final AlertPolicy policy;
    private final DateTimeFormatter hhmm;
    private final MenuButton button = new MenuButton();
    private final FontIcon icon = new FontIcon(Material2MZ.NOTIFICATIONS_ACTIVE);
    private final Tooltip tooltip = new Tooltip();
    private final MenuItem unmute = new MenuItem("Unmute now", new FontIcon(Material2MZ.NOTIFICATIONS_ACTIVE));
    private final CheckMenuItem sound = new CheckMenuItem("Play a sound");
    private AlertPolicy.Mute shown;
    private boolean shownSound;
    /** Why no sound can play here (no audio device), or null. */
    private String soundUnavailable;

    MuteControl(AlertPolicy policy, ZoneId zone) {
        this.policy = policy;
        this.hhmm = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(zone);
        button.setId("alert-mute");
        button.getStyleClass().add("alert-mute");
        button.setGraphic(icon);
        button.setTooltip(tooltip);
        button.setFocusTraversable(false); // space belongs to pause, not to a focused button
        button.setMinWidth(Region.USE_PREF_SIZE);

        MenuItem quarter = item("Mute for 15 minutes", "mute-15m", () -> policy.muteFor(Duration.ofMinutes(15)));
        MenuItem hour = item("Mute for 1 hour", "mute-1h", () -> policy.muteFor(Duration.ofHours(1)));
        MenuItem forever = item("Mute until I unmute", "mute-on", policy::muteUntilUnmuted);
        unmute.setId("mute-off");
        unmute.setOnAction(e -> {
            policy.unmute();
            show(policy.mute());
        });
        sound.setId("alert-sound");
        sound.setSelected(true);
        sound.setGraphic(new FontIcon(Material2MZ.VOLUME_UP));
        sound.selectedProperty().addListener((obs, old, on) -> show(shown));
        button.getItems().setAll(quarter, hour, forever, unmute, new SeparatorMenuItem(), sound);
        show(policy.mute());
    }

    private MenuItem item(String text, String id, Runnable mute) {
        MenuItem item = new MenuItem(text, new FontIcon(Material2MZ.NOTIFICATIONS_OFF));
        item.setId(id);
        item.setOnAction(e -> {
            mute.run();
            show(policy.mute());
        });
        return item;
    }

    Node node() {
        return button;
    }

    BooleanProperty soundProperty() {
        return sound.selectedProperty();
    }

    /**
     * No sound can play on this machine: the menu says why and its sound switch is disabled (the choice itself is
     * kept, for a machine that has a device). Before, the switch read "on" and nothing ever played.
     */
    void soundUnavailable(String why) {
        soundUnavailable = why;
        sound.setDisable(true);
        sound.setText("Play a sound (" + why + ")");
        sound.setGraphic(new FontIcon(Material2MZ.VOLUME_OFF));
        shown = null; // the tooltip changes too
        show(policy.mute());
    }

    /** Shows the mute as it is now; cheap when nothing changed, so it can run every frame. */
    void show(AlertPolicy.Mute mute) {
        if (mute.equals(shown) && sound.isSelected() == shownSound) {
            return;
        }
        shown = mute;
        shownSound = sound.isSelected();
        unmute.setDisable(!mute.on());
        button.pseudoClassStateChanged(MUTED, mute.on());
        icon.setIconCode(mute.on() ? Material2MZ.NOTIFICATIONS_OFF : Material2MZ.NOTIFICATIONS_ACTIVE);
        String state = !mute.on() ? "" : mute.until() == null ? "Muted" : "Muted until " + hhmm.format(mute.until());
        button.setText(state);
        button.setAccessibleText(mute.on() ? "Alerts: " + state : "Alerts: on");
        tooltip.setText((mute.on() ? state + ": no toasts, desktop notifications or sound for new incidents "
                + "and floods (they still show in the panels)."
                : "Alerts are on: a toast, a desktop notification and " + (soundUnavailable != null
                ? "no sound (" + soundUnavailable + ")" : shownSound ? "a sound" : "no sound") + " for each new "
                + "PagerDuty incident and each subject entering flood state, at most one a minute per "
                + "subject or service.")
                + (soundUnavailable != null ? "\nClick to mute for a while."
                : "\nClick to mute for a while or to turn the sound " + (sound.isSelected() ? "off." : "on.")));
    }
}
