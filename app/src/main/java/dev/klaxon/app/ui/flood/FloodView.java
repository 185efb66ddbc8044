package dev.klaxon.app.ui.flood;

import atlantafx.base.theme.Styles;
import dev.klaxon.app.backend.ActionsBackend;
import dev.klaxon.app.feed.FloodPicture;
import dev.klaxon.app.rates.RateFrame;
import dev.klaxon.app.rates.RateHistory;
import dev.klaxon.app.rates.RateSeries;
import dev.klaxon.app.ui.actions.HeldRelease;
import dev.klaxon.app.ui.common.ConsoleView;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.app.ui.common.Frame;
import dev.klaxon.app.ui.common.LiveRates;
import dev.klaxon.app.ui.common.Sections;
import dev.klaxon.app.ui.common.ViewInfo;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.guard.FloodRelease;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.secret.SecretRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The flood view: message rates of the last 15 minutes stacked by busiest subject or by severity, each routing
 * key's send budget, and the subjects in flood state with a confirmed Release. Fed with every snapshot the main
 * window reads (never reading the engine itself on the FX thread); the {@link RateHistory} it keeps also feeds the
 * subjects table's sparklines, so it records even while hidden, but only redraws while shown.
 */
public final class FloodView implements ConsoleView {
    private static final ViewInfo INFO = new ViewInfo("flood", "Flood", Material2MZ.SHOW_CHART,
            "Flood: message rates of the last 15 minutes by subject or severity, routing key budgets "
            + "and subjects in flood with a Release action");
    /** Subjects stacked by name; the rest share one band. Seven keeps every band a distinct theme chart colour. */
    static final int TOP_SUBJECTS = 7;
    private static final List<String> SEVERITY_COLOURS = List.of("-color-danger-emphasis", "-color-chart-1",
            "-color-chart-2", "-color-chart-4", "-color-chart-8");

    private final LiveRates rates;
    private final RateChart chart = new RateChart();
    private final BudgetMeters meters = new BudgetMeters();
    private final FloodList floods;
    private final ToggleButton bySubject = new ToggleButton("By subject", new FontIcon(Material2MZ.SUBJECT));
    private final ToggleButton bySeverity = new ToggleButton("By severity", new FontIcon(Material2MZ.PRIORITY_HIGH));
    private final Label floodCount = new Label();
    private final Label releases = new Label();
    private final ActionsBackend actions;
    private final Node root;
    private List<String> configuredKeys = List.of();
    private EngineSnapshot last;
    private FloodPicture lastFloods = FloodPicture.NONE;
    private boolean active;
    private long drawnVersion = Long.MIN_VALUE;

    /** @param report told (title, text) what a release did, to show the operator */
    /** @param rates the window's rate history, recorded whether this view is shown or not */
    public FloodView(ActionsBackend actions, LiveRates rates, BiConsumer<String, String> report) {
        this.rates = rates;
        this.actions = actions;
        HeldRelease release = new HeldRelease(actions, report);
        floods = new FloodList(release::confirmAndRelease);
        configuredKeys = actions.pageRoutingKeys().stream().map(SecretRef::stored).toList();
        root = layout();
        showMeters();
    }

    @Override
    public ViewInfo info() {
        return INFO;
    }

    @Override
    public void focus() {
        root.requestFocus();
    }

    @Override
    public Node node() {
        return root;
    }

    /** Takes each new snapshot and the flood list with it, shown or not; redraws only while shown. */
    @Override
    public void onFrame(Frame frame) {
        if (!frame.snapshotIsNew()) {
            return;
        }
        last = frame.snapshot();
        lastFloods = frame.flooding();
        if (active) {
            refresh();
        }
    }

    @Override
    public void setShown(boolean shown) {
        active = shown;
        if (shown) {
            drawnVersion = Long.MIN_VALUE; // the frame may have moved on while hidden
            refresh();
        }
    }

    private void refresh() {
        if (rates.history().version() != drawnVersion) {
            drawnVersion = rates.history().version();
            drawChart();
        }
        showMeters();
        floods.show(lastFloods);
        floodCount.setText(lastFloods.floods().isEmpty() ? "none" : lastFloods.floods().size() + " in flood state · "
                + Formats.count(heldTotal()) + " held");
        List<FloodRelease> released = actions.floodReleases();
        releases.setText(released.isEmpty() ? "" : "Last released: " + released.stream().limit(3)
                .map(r -> r.describe(Formats.clock(r.at()))).collect(java.util.stream.Collectors.joining(" · ")));
    }

    /** The sum of the rows' Held cells (same picture): a key's flood holds under its subjects, so it adds none. */
    private long heldTotal() {
        long held = 0;
        for (FloodStatus flood : lastFloods.floods()) {
            held += lastFloods.heldUnder(flood.subject()).count();
        }
        return held;
    }

    private void showMeters() {
        meters.show(last == null ? null : last.delivery(), configuredKeys);
    }

    private void drawChart() {
        if (bySeverity.isSelected()) {
            chart.show(rates.history().bySeverity(), SEVERITY_COLOURS, "No messages in the last 15 minutes");
        } else {
            RateFrame frame = rates.history().topSubjects(TOP_SUBJECTS);
            List<String> colours = new ArrayList<>();
            for (int i = 0; i < frame.series().size(); i++) {
                RateSeries series = frame.series().get(i);
                colours.add(Objects.equals(series.label(), RateHistory.OTHER) ? "-color-chart-8"
                        : "-color-chart-" + (i + 1));
            }
            chart.show(frame, colours, frame.buckets() == 0 ? "Collecting: the first 5-second bucket completes soon"
                    : "No messages in the last 15 minutes");
        }
    }

    private Node layout() {
        bySubject.setId("rate-by-subject");
        bySubject.setTooltip(new Tooltip("Stack the rate by the " + TOP_SUBJECTS
                + " busiest subjects of the last 15 minutes, the rest together"));
        bySubject.getStyleClass().add(Styles.LEFT_PILL);
        bySeverity.setId("rate-by-severity");
        bySeverity.setTooltip(new Tooltip("Stack the rate by severity (unknown: routed without being decoded)"));
        bySeverity.getStyleClass().add(Styles.RIGHT_PILL);
        ToggleGroup mode = new ToggleGroup();
        for (ToggleButton button : List.of(bySubject, bySeverity)) {
            button.setToggleGroup(mode);
            button.setFocusTraversable(false);
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        bySubject.setSelected(true);
        mode.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (toggle == null) {
                old.setSelected(true);
            } else {
                drawChart();
            }
        });
        Label chartHint = new Label("messages per second in 5-second steps, newest on the right");
        chartHint.getStyleClass().add("section-hint");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        VBox chartBox = section(new HBox(10, Sections.title("Message rate · last 15 min", Material2MZ.SHOW_CHART), chartHint,
                spacer, new HBox(bySubject, bySeverity)), chart.node());

        ScrollPane meterScroll = new ScrollPane(meters.node());
        meterScroll.setFitToWidth(true);
        meterScroll.getStyleClass().add("edge-to-edge");
        Label budgetHint = new Label("sent in the last minute against each key's budget");
        budgetHint.getStyleClass().add("section-hint");
        VBox budgetBox = section(new HBox(10, Sections.title("Routing key budgets", Material2MZ.SPEED), budgetHint),
                meterScroll);

        floodCount.setId("flood-count");
        floodCount.getStyleClass().add("section-hint");
        releases.setId("flood-releases");
        releases.getStyleClass().add("section-hint");
        releases.setWrapText(true);
        releases.setStyle("-fx-padding: 4 8 4 8;");
        VBox floodList = new VBox(floods.node(), releases);
        VBox.setVgrow(floods.node(), javafx.scene.layout.Priority.ALWAYS);
        VBox floodBox = section(new HBox(10, Sections.title("Subjects in flood", Material2AL.LAYERS), floodCount),
                floodList);

        SplitPane bottom = new SplitPane(budgetBox, floodBox);
        bottom.setDividerPositions(0.55);
        SplitPane all = new SplitPane(chartBox, bottom);
        all.setOrientation(Orientation.VERTICAL);
        all.setDividerPositions(0.58);
        all.getStyleClass().add("console-split");
        all.setId("flood-view");
        all.getStylesheets().add(Objects.requireNonNull(FloodView.class.getResource("/dev/klaxon/app/flood.css"))
                .toExternalForm());
        return all;
    }

    private static VBox section(HBox header, Node body) {
        return Sections.section(header, body, "flood-section");
    }
}
