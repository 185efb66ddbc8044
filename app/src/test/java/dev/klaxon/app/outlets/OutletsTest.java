package dev.klaxon.app.outlets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutletsTest {
    @Test
    void incidentTitlesAreNotReadAsMarkupByTheDesktop() {
        assertThat(DesktopNotifier.markupFree("5xx > 2% <b>&</b>")).isEqualTo("5xx &gt; 2% &lt;b&gt;&amp;&lt;/b&gt;");
    }

    @Test
    void oneAlertIsOneNotificationInKlaxonsName() {
        DesktopMessage message = DesktopMessage.of(List.of(new Alert(Alert.Kind.FLOOD, "k", "Flood: a", "held")));

        assertThat(message).isEqualTo(new DesktopMessage("Klaxon: Flood: a", "held", false));
    }

    @Test
    void aBurstIsFoldedIntoOneNotificationUrgentIfItHoldsAnIncident() {
        DesktopMessage message = DesktopMessage.of(List.of(new Alert(Alert.Kind.FLOOD, "k", "Flood: a", "held"),
                new Alert(Alert.Kind.INCIDENT, "svc", "Incident: db down", "")));

        assertThat(message).isEqualTo(new DesktopMessage("Klaxon: 2 new alerts", "Flood: a\nIncident: db down", true));
    }

    @Test
    void aMissingCommandIsSaidOnceThenIgnored() {
        assertThat(infoLinesWhileDelivering("klaxon-no-such-notify-command", 3)).hasSize(1);
    }

    @Test
    void aFailingCommandIsSaidOnceThenIgnored() {
        assertThat(infoLinesWhileDelivering("false", 3)).hasSize(1).allMatch(line -> line.contains("false exited"));
    }

    @Test
    void aWorkingCommandSaysNothing() {
        assertThat(infoLinesWhileDelivering("true", 2)).isEmpty();
    }

    /** Runs the command on the test's own thread, so every delivery has finished when this returns. */
    private static List<String> infoLinesWhileDelivering(String command, int times) {
        try (LogLines log = new LogLines(DesktopNotifier.class);
                DesktopNotifier notifier = new DesktopNotifier(command, new OnCallersThread())) {
            for (int i = 0; i < times; i++) {
                notifier.deliver(List.of(new Alert(Alert.Kind.FLOOD, "k", "Flood: a", "held")));
            }
            return log.lines();
        }
    }

    @Test
    void theToneIsShortFadedAndNeverClips() {
        byte[] pcm = AlertTone.notes(new double[] {880.0, 660.0}, 0.1);
        assertThat(pcm).hasSize(2 * 4410 * 2);
        short first = (short) ((pcm[1] << 8) | (pcm[0] & 0xff));
        assertThat(first).isZero(); // faded in: no click
        int peak = 0;
        for (int i = 0; i < pcm.length; i += 2) {
            peak = Math.max(peak, Math.abs((short) ((pcm[i + 1] << 8) | (pcm[i] & 0xff))));
        }
        assertThat(peak).isBetween(Short.MAX_VALUE / 4, Short.MAX_VALUE / 2);
    }
}
