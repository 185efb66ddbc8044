package dev.klaxon.app.ui.flood;

import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.delivery.DeliveryStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * One meter per routing key: events sent in the last minute against its budget as text and a bar, what waits in
 * the outbox, and the 429s PagerDuty answered. Near or over budget the meter says so in words with an icon, not
 * only in colour. Keys appear by their reference ({@code env:NAME}), never by value. FX thread only.
 */
final class BudgetMeters {
    private final VBox rows = new VBox(8);
    private final Label oldest = new Label();
    private final Label empty = new Label("No page route has a routing key: nothing is sent to PagerDuty.");
    private final VBox box = new VBox(8, oldest, rows);
    private List<BudgetMeter> shown = List.of();

    BudgetMeters() {
        rows.setId("budget-meters");
        oldest.setId("outbox-oldest");
        oldest.getStyleClass().add("section-hint");
        empty.getStyleClass().add("section-hint");
        empty.setWrapText(true);
    }

    Node node() {
        return box;
    }

    /** @param configured references of the configured page routes' keys, metered even while idle */
    void show(DeliveryStatus status, Collection<String> configured) {
        if (status == null) {
            oldest.setText("Delivery has not started.");
        } else {
            Duration age = status.outbox().oldestPendingAge();
            oldest.setText(status.outbox().pending() == 0 ? "Outbox empty: everything sent."
                    : Formats.count(status.outbox().pending()) + " pending in the outbox · oldest waiting "
                    + age.toSeconds() + " s");
        }
        List<BudgetMeter> meters = BudgetMeter.of(status, configured);
        if (meters.equals(shown)) {
            return;
        }
        shown = meters;
        List<Node> nodes = new ArrayList<>();
        for (BudgetMeter meter : meters) {
            nodes.add(row(meter));
        }
        if (nodes.isEmpty()) {
            nodes.add(empty);
        }
        rows.getChildren().setAll(nodes);
    }

    private static Node row(BudgetMeter meter) {
        Label name = new Label(meter.reference(), new FontIcon(Material2MZ.VPN_KEY));
        name.getStyleClass().add("budget-key");
        name.setMinWidth(120);
        name.setTooltip(new Tooltip("Routing key read from " + meter.reference() + " (the key itself is never shown)"));

        ProgressBar bar = new ProgressBar(meter.used());
        bar.setPrefWidth(220);
        bar.setMinWidth(100);
        bar.getStyleClass().add("budget-bar");

        String limit = meter.limit() > 0 ? Formats.count(meter.limit()) : "—";
        Label numbers = new Label(Formats.count(meter.sentLastWindow()) + " / " + limit + " per min · "
                + Formats.count(meter.pending()) + " pending · " + Formats.count(meter.rateLimited()) + " × 429");
        numbers.getStyleClass().add("budget-numbers");
        numbers.setMinWidth(Region.USE_PREF_SIZE);

        Label level = new Label();
        level.getStyleClass().add("budget-level");
        level.setMinWidth(Region.USE_PREF_SIZE);
        if (meter.level() == BudgetMeter.Level.SPENT) {
            flag(level, "budget spent: new events wait", new FontIcon(Material2AL.BLOCK), "danger");
        } else if (meter.level() == BudgetMeter.Level.NEAR) {
            flag(level, "near budget", new FontIcon(Material2MZ.WARNING), "warning");
        } else if (meter.rateLimited() > 0) {
            flag(level, "PagerDuty answered 429", new FontIcon(Material2MZ.WARNING), "warning");
        } else {
            flag(level, "within budget", new FontIcon(Material2AL.CHECK_CIRCLE_OUTLINE), "success");
        }

        // Two lines, so a long reference never squeezes the numbers: name and verdict, then bar and numbers.
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(12, name, gap, level);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox bottom = new HBox(12, bar, numbers);
        bottom.setAlignment(Pos.CENTER_LEFT);
        VBox row = new VBox(4, top, bottom);
        row.getStyleClass().addAll("budget-meter", meter.level().name().toLowerCase(java.util.Locale.ROOT));
        Tooltip tip = new Tooltip(meter.reference() + ": " + Formats.count(meter.sentLastWindow())
                + " events sent to PagerDuty in the last 60 s of a budget of " + limit + "; "
                + Formats.count(meter.pending()) + " waiting in the outbox; " + Formats.count(meter.rateLimited())
                + " answered 429 (too many requests) since start. Over budget, events wait in the outbox: none is "
                + "dropped.");
        tip.setWrapText(true);
        tip.setMaxWidth(480);
        Tooltip.install(row, tip);
        row.setAccessibleText(meter.reference() + " " + numbers.getText() + " " + level.getText());
        return row;
    }

    private static void flag(Label level, String text, FontIcon icon, String style) {
        level.setText(text);
        level.setGraphic(icon);
        level.getStyleClass().add(style);
    }
}
