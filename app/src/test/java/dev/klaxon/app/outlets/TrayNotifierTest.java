package dev.klaxon.app.outlets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrayNotifierTest {
    private static final List<Alert> FLOOD = List.of(new Alert(Alert.Kind.FLOOD, "k", "Flood: a", "held"));
    private static final List<Alert> INCIDENT =
            List.of(new Alert(Alert.Kind.INCIDENT, "svc", "Incident: db <down>", "5xx > 2%"));

    /** A tray that shows into a list, or has none and says why. */
    private static final class ListTray implements TrayDisplay {
        final String whyNot;
        final AtomicInteger asked = new AtomicInteger();
        final List<DesktopMessage> shown = new CopyOnWriteArrayList<>();
        RuntimeException failure;
        volatile boolean closed;

        ListTray(String whyNot) {
            this.whyNot = whyNot;
        }

        @Override
        public String whyNot() {
            asked.incrementAndGet();
            return whyNot;
        }

        @Override
        public void show(DesktopMessage message) {
            if (failure != null) {
                throw failure;
            }
            shown.add(message);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Linux", "FreeBSD"})
    void elsewhereTheDesktopIsReachedThroughNotifySend(String os) {
        try (AlertOutlet outlet = AlertOutlets.desktop(os)) {
            assertThat(outlet).isInstanceOf(DesktopNotifier.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mac OS X", "Windows 11", "Windows 10", "Windows Server 2022"})
    void onMacOsAndWindowsTheDesktopIsReachedThroughTheTray(String os) {
        try (AlertOutlet outlet = AlertOutlets.desktop(os)) {
            assertThat(outlet).isInstanceOf(TrayNotifier.class);
        }
    }

    @Test
    void theTrayShowsTheWordsNotifySendWouldAndOnlyTheTray() {
        ListTray tray = new ListTray(null);
        try (TrayNotifier notifier = new TrayNotifier(tray, new OnCallersThread())) {
            notifier.deliver(FLOOD);
            notifier.deliver(INCIDENT);
            notifier.deliver(List.of());
        }

        assertThat(tray.shown).containsExactly(DesktopMessage.of(FLOOD), DesktopMessage.of(INCIDENT));
        // Plain text, unlike notify-send's body: the tray reads no markup, so nothing is escaped.
        assertThat(tray.shown.get(1)).isEqualTo(new DesktopMessage("Klaxon: Incident: db <down>", "5xx > 2%", true));
        assertThat(tray.asked).hasValue(1);
    }

    @Test
    void aBurstIsOneTrayMessage() {
        ListTray tray = new ListTray(null);
        try (TrayNotifier notifier = new TrayNotifier(tray, new OnCallersThread())) {
            notifier.deliver(List.of(FLOOD.get(0), INCIDENT.get(0), new Alert(Alert.Kind.FLOOD, "j", "Flood: b", "")));
        }

        assertThat(tray.shown).singleElement()
                .satisfies(m -> assertThat(m.title()).isEqualTo("Klaxon: 3 new alerts"))
                .satisfies(m -> assertThat(m.urgent()).isTrue());
    }

    @Test
    void withoutATrayThatIsSaidOnceAndAlertsAreDropped() {
        ListTray tray = new ListTray("the desktop has no system tray");
        List<String> lines;
        try (LogLines log = new LogLines(TrayNotifier.class);
                TrayNotifier notifier = new TrayNotifier(tray, new OnCallersThread())) {
            assertThat(notifier.unavailable()).isNotDone();
            notifier.deliver(FLOOD);
            notifier.deliver(INCIDENT);
            notifier.deliver(FLOOD);
            lines = log.lines();
            assertThat(notifier.unavailable()).isCompletedWithValue("the desktop has no system tray");
        }

        assertThat(lines).singleElement().asString().contains("no system tray").contains("inside the Klaxon window");
        assertThat(tray.shown).isEmpty();
        assertThat(tray.asked).hasValue(1);
    }

    @Test
    void aFailingTrayIsSaidOnceAndTriedAgain() {
        ListTray tray = new ListTray(null);
        tray.failure = new IllegalStateException("the system tray refused the icon");
        List<String> lines;
        try (LogLines log = new LogLines(TrayNotifier.class);
                TrayNotifier notifier = new TrayNotifier(tray, new OnCallersThread())) {
            notifier.deliver(FLOOD);
            notifier.deliver(FLOOD);
            tray.failure = null;
            notifier.deliver(INCIDENT);
            lines = log.lines();
            assertThat(notifier.unavailable()).isNotDone();
        }

        assertThat(lines).singleElement().asString().contains("refused the icon");
        assertThat(tray.shown).containsExactly(DesktopMessage.of(INCIDENT));
    }

    @Test
    void closingTheOutletTakesTheIconAway() {
        ListTray tray = new ListTray(null);
        TrayNotifier notifier = new TrayNotifier(tray);
        notifier.close();

        assertThat(tray.closed).isTrue();
    }

    @Test
    void anIncidentIsAWarningAFloodInformation() {
        assertThat(AwtTray.type(DesktopMessage.of(INCIDENT))).isEqualTo(TrayIcon.MessageType.WARNING);
        assertThat(AwtTray.type(DesktopMessage.of(FLOOD))).isEqualTo(TrayIcon.MessageType.INFO);
    }

    @Test
    void theTrayIconIsTheAppIcon() {
        assertThat(AwtTray.class.getResource(AwtTray.ICON)).isNotNull();
        assertThatCode(AwtTray::withAppIcon).doesNotThrowAnyException();
    }

    /** The test JVM is headless (see the pom): the real tray must say so rather than fail at the first alert. */
    @Test
    void aHeadlessJvmHasNoTray() {
        assumeTrue(GraphicsEnvironment.isHeadless());
        AwtTray tray = AwtTray.withAppIcon();

        assertThat(tray.whyNot()).isEqualTo("no display (java.awt.headless)");
        tray.close(); // never shown: leaves AWT alone
    }

    /** Only where a test JVM has a display with a system tray; not the Xvfb of the build (headless, no tray). */
    @Test
    void aRealTrayShowsTheMessage() throws Exception {
        assumeFalse(GraphicsEnvironment.isHeadless());
        assumeTrue(SystemTray.isSupported());
        AwtTray tray = AwtTray.withAppIcon();
        try {
            assertThat(tray.whyNot()).isNull();
            assertThatCode(() -> tray.show(DesktopMessage.of(INCIDENT))).doesNotThrowAnyException();
            EventQueue.invokeAndWait(() ->
                    assertThat(SystemTray.getSystemTray().getTrayIcons()).hasSize(1));
        } finally {
            tray.close();
        }
        EventQueue.invokeAndWait(() -> assertThat(SystemTray.getSystemTray().getTrayIcons()).isEmpty());
    }
}
