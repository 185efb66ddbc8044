package dev.klaxon.app.outlets;

import java.util.List;

/**
 * The one desktop notification for a frame's alerts, in the same words whichever service shows it ({@code
 * notify-send}, the system tray): a burst is folded into one, the title says it is Klaxon's.
 *
 * @param urgent a new incident among the alerts (not only floods)
 */
record DesktopMessage(String title, String text, boolean urgent) {
    static DesktopMessage of(List<Alert> alerts) {
        Alert alert = AlertDigest.fold(alerts, 1).get(0);
        return new DesktopMessage("Klaxon: " + alert.title(), alert.text(), alert.kind() == Alert.Kind.INCIDENT);
    }
}
