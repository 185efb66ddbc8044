package dev.klaxon.app.ui.shell;

import dev.klaxon.app.perf.PerfSample;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.app.ui.common.TeamWords;
import dev.klaxon.delivery.DeliveryStatus;
import dev.klaxon.delivery.Reachability;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.nats.ConnectionState;
import dev.klaxon.nats.ConnectionStatus;
import dev.klaxon.nats.IngestCounters;
import dev.klaxon.outbox.OutboxStats;
import dev.klaxon.stats.SubjectSnapshot;
import dev.klaxon.team.TeamStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The bottom line: NATS connection (icon, word and server, with the detail in a tooltip), the ingest numbers, then
 * delivery: PagerDuty reachability, outbox depth and age, dead letters and outbox commit failures, then the team
 * (this console's role, who sends, the lease's age; a click opens the Team view). The team comes last because a
 * team problem also has a banner, while a loss counter has only its place here.
 * Loss counters turn into warnings as soon as they are above zero; every warning has an icon and words, not only a
 * colour. At 1400 px everything fits on one line, which is why the tracked-subject count lives in the Subjects
 * header rather than here; narrower, the least important items give way (see {@link PriorityRow}). Keeps updating
 * while the views are paused, so
 * a lost connection is visible at any time. FX thread only.
 */
public final class StatusBar {
    private static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");
    /** A loss counter at zero gives way early; above zero it is kept nearly as long as the connection. */
    private static final int LOSS_AT_ZERO = 4;

    private final Label connection = new Label("Connecting…");
    private final Tooltip connectionTip = new Tooltip();
    private final Label received = metric("received-count", Material2AL.INBOX, "Messages received from NATS");
    private final Label rate = metric("rate", Material2MZ.SPEED, "Messages per second over the last second");
    private final Label queue = metric("queue-depth", Material2MZ.QUEUE,
            "Messages waiting in the engine's queue");
    private final Label overflowed = metric("overflowed-count", Material2MZ.WARNING,
            "Messages refused because the engine's queue was full (counted, never silent)");
    private final Label dropped = metric("client-dropped-count", Material2MZ.WARNING,
            "Messages the NATS client dropped past its pending limits (slow consumer)");
    private final Label pagerDuty = new Label();
    private final Tooltip pagerDutyTip = new Tooltip();
    private final Label outbox = metric("outbox-depth", Material2MZ.UNARCHIVE,
            "Events committed to the outbox and waiting for PagerDuty to accept them, and how long the oldest "
                    + "has waited");
    private final Label deadLetters = metric("dead-letter-count", Material2AL.ERROR_OUTLINE,
            "Events PagerDuty refused (4xx): never retried automatically. Click (or Ctrl+3) to see them and "
                    + "resend");
    private final Label commitFailures = metric("outbox-failure-count", Material2MZ.REPORT,
            "Events that could not be committed to the outbox (disk problem): they were not sent");
    private final Label team = new Label();
    private final Tooltip teamTip = new Tooltip();
    private final Label feedProblem = new Label();
    private final Label perf = metric("fx-perf", Material2AL.AV_TIMER, "");
    private final PriorityRow root = new PriorityRow(8);
    private ConnectionState shownState;
    /** "PagerDuty", or "Simulated PagerDuty" in the demo: never let a simulator pass for the real service. */
    private String pagerDutyName = "PagerDuty";

    public StatusBar() {
        connection.setId("connection-status");
        connection.getStyleClass().add("connection");
        connection.setGraphic(new FontIcon(Material2MZ.SYNC));
        connection.setTooltip(connectionTip);
        connection.setMinWidth(Region.USE_PREF_SIZE);
        feedProblem.setId("feed-problem");
        feedProblem.getStyleClass().add("feed-problem");
        feedProblem.setGraphic(new FontIcon(Material2AL.ERROR_OUTLINE));
        feedProblem.setManaged(false);
        team.setId("team-status");
        team.getStyleClass().add("metric");
        team.setGraphic(new FontIcon(Material2AL.GROUPS));
        team.setTooltip(teamTip);
        team.setMinWidth(Region.USE_PREF_SIZE);
        pagerDuty.setId("pagerduty-status");
        pagerDuty.getStyleClass().add("pagerduty");
        pagerDuty.setGraphic(new FontIcon(Material2MZ.REMOVE_CIRCLE_OUTLINE));
        pagerDuty.setTooltip(pagerDutyTip);
        pagerDuty.setMinWidth(Region.USE_PREF_SIZE);
        perf.setManaged(false); // until the console measures itself (not in view tests)
        // Never wider than the window: on a narrow one the least important items give way, in this order (last
        // first): the console's own lag, received, rate and queue, zero loss counters, the team, the outbox.
        root.add(connection, 0);
        root.addSeparator();
        root.add(received, 6);
        root.add(rate, 5);
        root.add(queue, 5);
        root.add(overflowed, LOSS_AT_ZERO);
        root.add(dropped, LOSS_AT_ZERO);
        root.addSeparator();
        root.add(pagerDuty, 1);
        root.add(outbox, 2);
        root.add(deadLetters, 2);
        root.add(commitFailures, 1);
        root.addSeparator();
        root.add(team, 3);
        root.addEnd(feedProblem, 1);
        root.addEnd(perf, 7);
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

    public Node node() {
        return root;
    }

    public void show(EngineSnapshot snapshot) {
        if (snapshot == null) {
            showConnection(null, null);
            received.setText("received 0");
            rate.setText("0 msg/s");
            queue.setText("queue 0");
            overflowed.setText("overflowed 0");
            dropped.setText("dropped 0");
            showDelivery(null, 0);
            showTeam(TeamStatus.core(Instant.EPOCH));
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
        // The capacity is in the tooltip: the bar has to fit the console's own lag and frame rate at 1,400 px.
        queue.setText("queue " + Formats.count(ingest.queueDepth()));
        queue.getTooltip().setText("Messages waiting in the engine's queue, of its capacity of "
                + Formats.count(ingest.queueCapacity()) + "; shown as a problem from 80% full");
        queue.pseudoClassStateChanged(PROBLEM, ingest.queueCapacity() > 0
                && ingest.queueDepth() * 10L >= ingest.queueCapacity() * 8L);
        overflowed.setText("overflowed " + Formats.count(ingest.overflowed()));
        overflowed.pseudoClassStateChanged(PROBLEM, ingest.overflowed() > 0);
        root.setPriority(overflowed, ingest.overflowed() > 0 ? 1 : LOSS_AT_ZERO);
        dropped.setText("dropped " + Formats.count(ingest.clientDropped())
                + (ingest.slowConsumer() > 0 ? " (slow consumer ×" + Formats.count(ingest.slowConsumer()) + ")" : ""));
        dropped.pseudoClassStateChanged(PROBLEM, ingest.clientDropped() > 0 || ingest.slowConsumer() > 0);
        root.setPriority(dropped, ingest.clientDropped() > 0 || ingest.slowConsumer() > 0 ? 1 : LOSS_AT_ZERO);
        rate.getTooltip().setText("Messages per second over the last second, over "
                + Formats.count(snapshot.trackedSubjects()) + " tracked subjects");
        showDelivery(snapshot.delivery(), snapshot.outboxFailures());
        showTeam(snapshot.team());
    }

    /** Role, who sends and the lease's age; a warning (icon and words) when this console may page no one. */
    private void showTeam(TeamStatus status) {
        team.setText(TeamWords.indicator(status));
        boolean problem = TeamWords.problem(status);
        ((FontIcon) team.getGraphic()).setIconCode(problem ? Material2MZ.WARNING : status.sending()
                ? Material2AL.CAMPAIGN : Material2AL.GROUPS);
        team.pseudoClassStateChanged(PROBLEM, problem);
        teamTip.setText(TeamWords.meaning(status) + (status.teamMode() ? "\nClick (or Ctrl+8) for the Team view."
                : ""));
    }

    /** The demo's PagerDuty is a simulator on loopback: say so wherever PagerDuty is named here. */
    public void simulatedPagerDuty() {
        pagerDutyName = "Simulated PagerDuty";
        pagerDuty.getStyleClass().add("simulated");
    }

    /** What a click on the team indicator does: open the Team view. */
    public void onTeam(Runnable open) {
        team.getStyleClass().add("clickable");
        team.setCursor(javafx.scene.Cursor.HAND);
        team.setOnMouseClicked(event -> open.run());
    }

    /** Delivery is null before the engine has started: everything reads as unknown, nothing as a problem. */
    private void showDelivery(DeliveryStatus delivery, long outboxFailures) {
        Reachability reach = delivery == null || delivery.reachability() == null ? Reachability.UNKNOWN
                : delivery.reachability();
        pagerDuty.setText(pagerDutyName + switch (reach) {
            case UNKNOWN -> " —";
            case REACHABLE -> " ok";
            case FAILING -> " failing";
        });
        ((FontIcon) pagerDuty.getGraphic()).setIconCode(switch (reach) {
            case UNKNOWN -> Material2MZ.REMOVE_CIRCLE_OUTLINE;
            case REACHABLE -> Material2AL.CLOUD_DONE;
            case FAILING -> Material2AL.CLOUD_OFF;
        });
        pagerDuty.getStyleClass().removeIf(style -> style.startsWith("pd-"));
        pagerDuty.getStyleClass().add("pd-" + reach.name().toLowerCase(Locale.ROOT));
        pagerDutyTip.setText(pagerDutyTip(delivery, reach).replace("PagerDuty", pagerDutyName));

        OutboxStats stats = delivery == null ? null : delivery.outbox();
        long pending = stats == null ? 0 : stats.pending();
        Duration age = stats == null || stats.oldestPendingAge() == null ? Duration.ZERO : stats.oldestPendingAge();
        outbox.setText("outbox " + Formats.count(pending) + (pending > 0 ? " · oldest " + age(age) : ""));
        // A page that waits more than a minute is worth a look even when PagerDuty answers (budget, backoff).
        outbox.pseudoClassStateChanged(PROBLEM, pending > 0 && age.toSeconds() >= 60);

        long dead = stats == null ? 0 : stats.deadLetters();
        deadLetters.setText("dead letters " + Formats.count(dead));
        deadLetters.pseudoClassStateChanged(PROBLEM, dead > 0);

        boolean failures = outboxFailures > 0;
        commitFailures.setText("not committed " + Formats.count(outboxFailures));
        commitFailures.pseudoClassStateChanged(PROBLEM, failures);
        commitFailures.setManaged(failures);
    }

    private static String pagerDutyTip(DeliveryStatus delivery, Reachability reach) {
        if (delivery == null) {
            return "PagerDuty: delivery has not started";
        }
        StringBuilder tip = new StringBuilder(switch (reach) {
            case UNKNOWN -> "PagerDuty: nothing sent yet";
            case REACHABLE -> "PagerDuty: answering";
            case FAILING -> "PagerDuty: failing — events wait in the outbox and are retried";
        });
        if (delivery.lastProblem() != null && !delivery.lastProblem().isBlank()) {
            tip.append("\nLast problem: ").append(Formats.oneLine(delivery.lastProblem(), 300));
        }
        tip.append("\nLast accepted: ").append(delivery.lastAccepted() == null ? "never"
                : Formats.timestamp(delivery.lastAccepted()));
        tip.append("\nIn flight: ").append(delivery.inFlight());
        if (delivery.outbox() != null) {
            tip.append("\nDelivered in the last minute: ").append(Formats.count(delivery.outbox().deliveredLastMinute()));
        }
        if (delivery.budgetUsage() != null && !delivery.budgetUsage().isEmpty()) {
            tip.append("\nBudget per routing key (events/min, limit ").append(delivery.budgetLimit()).append("):");
            delivery.budgetUsage().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).limit(10)
                    .forEach(e -> tip.append("\n  ").append(e.getKey()).append("  ").append(e.getValue())
                            .append(" / ").append(delivery.budgetLimit()));
        }
        return tip.toString();
    }

    /** "42 s", "3 min", "2 h": the oldest pending age only needs to say how bad it is. */
    static String age(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min";
        }
        return seconds / 3600 + " h";
    }

    /** What a click on the dead-letter count does: open the dead letters. */
    public void onDeadLetters(Runnable open) {
        deadLetters.getStyleClass().add("clickable");
        deadLetters.setCursor(javafx.scene.Cursor.HAND);
        deadLetters.setOnMouseClicked(event -> open.run());
    }

    /** Says that the console cannot read the engine (null clears it). */
    public void showFeedProblem(String problem) {
        boolean visible = problem != null;
        feedProblem.setManaged(visible);
        if (visible) {
            feedProblem.setText("engine not readable: " + Formats.oneLine(problem, 120));
        }
    }

    /** The console's own responsiveness over the last second; a warning (icon and words) when it stutters. */
    public void showPerf(PerfSample sample) {
        boolean slow = sample.sluggish();
        perf.setManaged(true);
        perf.setText(String.format(Locale.ROOT, "FX lag %.0f ms%s · %.0f fps", sample.lagP99Millis(),
                slow ? " (slow)" : "", sample.fps()));
        ((FontIcon) perf.getGraphic()).setIconCode(slow ? Material2MZ.WARNING : Material2AL.AV_TIMER);
        perf.pseudoClassStateChanged(PROBLEM, slow);
        perf.getTooltip().setText(String.format(Locale.ROOT, "How responsive this window is, over the last second:"
                        + "%nFX lag: how long a task posted to the UI thread waited to run — p50 %.1f ms, p99 %.1f ms,"
                        + " max %.1f ms. Above %.0f ms (two frames) the console stutters."
                        + "%nFrames: %.0f per second (60 is smooth)."
                        + "%nHeap in use: %.0f MB (including garbage not yet collected)."
                        + "%nEngine: %s messages decided per second.",
                sample.lagP50Millis(), sample.lagP99Millis(), sample.lagMaxMillis(), PerfSample.SLOW_LAG_MILLIS,
                sample.fps(), sample.heapUsedMegabytes(), Formats.count(sample.processedPerSecond())));
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
