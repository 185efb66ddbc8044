package dev.klaxon.app.ui;

import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.nats.ConnectionState;
import dev.klaxon.nats.ConnectionStatus;
import dev.klaxon.nats.IngestCounters;
import dev.klaxon.stats.SubjectSnapshot;
import java.time.Instant;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The bottom line: NATS connection (icon, word and server, with the detail in a tooltip) and the ingest numbers.
 * Loss counters turn into warnings as soon as they are above zero. Keeps updating while the views are paused, so
 * a lost connection is visible at any time. FX thread only.
 */
public final class StatusBar {
    private static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");

    private final Label connection = new Label("Connecting…");
    private final Tooltip connectionTip = new Tooltip();
    private final Label received = metric("received-count", Material2AL.INBOX, "Messages received from NATS");
    private final Label rate = metric("rate", Material2MZ.SPEED, "Messages per second over the last second");
    private final Label queue = metric("queue-depth", Material2MZ.QUEUE,
            "Messages waiting in the engine's queue / its capacity");
    private final Label overflowed = metric("overflowed-count", Material2MZ.WARNING,
            "Messages refused because the engine's queue was full (counted, never silent)");
    private final Label dropped = metric("client-dropped-count", Material2MZ.WARNING,
            "Messages the NATS client dropped past its pending limits (slow consumer)");
    private final Label subjects = metric("subject-count", Material2MZ.SUBJECT,
            "Subjects tracked individually (the rest share the \"other\" row)");
    private final Label feedProblem = new Label();
    private final HBox root;
    private ConnectionState shownState;

    public StatusBar() {
        connection.setId("connection-status");
        connection.getStyleClass().add("connection");
        connection.setGraphic(new FontIcon(Material2MZ.SYNC));
        connection.setTooltip(connectionTip);
        connection.setMinWidth(Region.USE_PREF_SIZE);
        feedProblem.setId("feed-problem");
        feedProblem.getStyleClass().add("feed-problem");
        feedProblem.setGraphic(new FontIcon(Material2AL.ERROR_OUTLINE));
        feedProblem.setVisible(false);
        feedProblem.setManaged(false);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        root = new HBox(14, connection, separator(), received, rate, queue, overflowed, dropped, subjects, spacer,
                feedProblem);
        root.getStyleClass().add("status-bar");
        show(null);
    }

    private static Label metric(String id, Ikon icon, String tip) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("metric");
        label.setGraphic(new FontIcon(icon));
        label.setTooltip(new Tooltip(tip));
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Node separator() {
        return new Separator(Orientation.VERTICAL);
    }

    public Node node() {
        return root;
    }

    public void show(EngineSnapshot snapshot) {
        if (snapshot == null) {
            showConnection(null, null);
            received.setText("received 0");
            rate.setText("0 msg/s");
            queue.setText("queue 0 / 0");
            overflowed.setText("overflowed 0");
            dropped.setText("client dropped 0");
            subjects.setText("0 subjects");
            return;
        }
        showConnection(snapshot.connection(), snapshot.at());
        IngestCounters ingest = snapshot.ingest() == null ? IngestCounters.ZERO : snapshot.ingest();
        received.setText("received " + Formats.count(ingest.received()));
        double perSecond = 0;
        for (SubjectSnapshot s : snapshot.subjects()) {
            perSecond += s.rate1s();
        }
        rate.setText(Formats.rate(perSecond) + " msg/s");
        queue.setText("queue " + Formats.count(ingest.queueDepth()) + " / " + Formats.count(ingest.queueCapacity()));
        queue.pseudoClassStateChanged(PROBLEM, ingest.queueCapacity() > 0
                && ingest.queueDepth() * 10L >= ingest.queueCapacity() * 8L);
        overflowed.setText("overflowed " + Formats.count(ingest.overflowed()));
        overflowed.pseudoClassStateChanged(PROBLEM, ingest.overflowed() > 0);
        dropped.setText("client dropped " + Formats.count(ingest.clientDropped())
                + (ingest.slowConsumer() > 0 ? " (slow consumer ×" + Formats.count(ingest.slowConsumer()) + ")" : ""));
        dropped.pseudoClassStateChanged(PROBLEM, ingest.clientDropped() > 0 || ingest.slowConsumer() > 0);
        subjects.setText(Formats.count(snapshot.trackedSubjects()) + " subjects");
    }

    /** Says that the console cannot read the engine (null clears it). */
    public void showFeedProblem(String problem) {
        boolean visible = problem != null;
        feedProblem.setVisible(visible);
        feedProblem.setManaged(visible);
        if (visible) {
            feedProblem.setText("engine not readable: " + Formats.oneLine(problem, 120));
        }
    }

    private void showConnection(ConnectionStatus status, Instant now) {
        ConnectionState state = status == null ? ConnectionState.CONNECTING : status.state();
        String server = status == null || status.server() == null ? "" : "  " + status.server();
        connection.setText(word(state) + server);
        if (state != shownState) {
            // Idempotent: repeated DISCONNECTED snapshots do not rebuild anything.
            shownState = state;
            ((FontIcon) connection.getGraphic()).setIconCode(icon(state));
            connection.getStyleClass().removeIf(style -> style.startsWith("conn-"));
            connection.getStyleClass().add("conn-" + state.name().toLowerCase(Locale.ROOT));
        }
        StringBuilder tip = new StringBuilder("NATS: ").append(word(state));
        if (status != null) {
            tip.append(" since ").append(Formats.clock(status.since()))
                    .append(" (").append(Formats.ago(status.since(), now)).append(')');
            if (status.server() != null) {
                tip.append("\nServer: ").append(status.server());
            }
            if (status.detail() != null && !status.detail().isBlank()) {
                tip.append("\n").append(Formats.oneLine(status.detail(), 300));
            }
        }
        connectionTip.setText(tip.toString());
    }

    private static String word(ConnectionState state) {
        return switch (state) {
            case CONNECTING -> "Connecting…";
            case CONNECTED -> "Connected";
            case RECONNECTING -> "Reconnecting…";
            case DISCONNECTED -> "Disconnected";
            case CLOSED -> "Closed";
        };
    }

    private static Ikon icon(ConnectionState state) {
        return switch (state) {
            case CONNECTING -> Material2MZ.SYNC;
            case CONNECTED -> Material2AL.CHECK_CIRCLE;
            case RECONNECTING -> Material2MZ.SYNC_PROBLEM;
            case DISCONNECTED -> Material2AL.CLOUD_OFF;
            case CLOSED -> Material2AL.BLOCK;
        };
    }
}
