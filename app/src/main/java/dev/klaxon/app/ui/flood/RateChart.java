package dev.klaxon.app.ui.flood;

import dev.klaxon.app.rates.RateFrame;
import dev.klaxon.app.rates.RateSeries;
import dev.klaxon.app.ui.common.Formats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A stacked rate chart on one canvas (no node per point, whatever the span), a legend that names every band with
 * its current and peak rate (the colour is never the only way to tell bands apart), and a readout of the bucket
 * under the mouse. Colours come from the legend's swatches, which the theme styles, so both themes work. FX thread
 * only.
 */
final class RateChart {
    private static final double LEFT = 64;
    private static final double RIGHT = 14;
    private static final double TOP = 10;
    private static final double BOTTOM = 24;
    private static final Font TEXT = Font.font(11);

    private final Canvas canvas = new Canvas();
    private final Pane plot = new Pane(canvas);
    private final FlowPane legend = new FlowPane(16, 4);
    private final Label readout = new Label();
    private final Label axisInk = new Label();
    private final VBox box;
    private final List<Region> swatches = new ArrayList<>();
    private RateFrame frame;
    private ChartLayout layout;
    private List<String> colours = List.of();
    private String emptyText = "";
    /** Where the mouse is over the chart, or -1: the readout follows it across refreshes. */
    private double hoverX = -1;

    RateChart() {
        canvas.widthProperty().bind(plot.widthProperty());
        canvas.heightProperty().bind(plot.heightProperty());
        canvas.widthProperty().addListener((obs, old, next) -> draw());
        canvas.heightProperty().addListener((obs, old, next) -> draw());
        plot.setMinSize(200, 140);
        plot.setPrefHeight(260);
        plot.getStyleClass().add("rate-plot");
        VBox.setVgrow(plot, Priority.ALWAYS);
        canvas.setOnMouseMoved(e -> {
            hoverX = e.getX();
            showReadout(hoverX);
        });
        canvas.setOnMouseExited(e -> {
            hoverX = -1;
            readout.setText(hint());
        });
        canvas.setAccessibleText("Stacked message rate chart; the legend lists each band with its rate");
        readout.setId("rate-readout");
        readout.getStyleClass().add("section-hint");
        readout.setWrapText(true);
        legend.setId("rate-legend");
        // Never shown: only its text colour is read, so the axes follow the theme like text does.
        axisInk.getStyleClass().add("section-hint");
        axisInk.setManaged(false);
        axisInk.setVisible(false);
        axisInk.textFillProperty().addListener((obs, old, next) -> draw());
        box = new VBox(6, plot, legend, readout, axisInk);
    }

    Node node() {
        return box;
    }

    /**
     * Shows a frame; {@code colours[i]} (looked-up colours such as {@code -color-chart-1}) paint series {@code i}.
     *
     * @param empty what the chart says while the frame has nothing to stack
     */
    void show(RateFrame next, List<String> seriesColours, String empty) {
        frame = next;
        emptyText = empty;
        layout = ChartLayout.of(next, 5, 6);
        if (!seriesColours.equals(colours) || swatches.size() != next.series().size()) {
            colours = List.copyOf(seriesColours);
            rebuildLegend();
        }
        updateLegendText();
        draw();
        if (hoverX >= 0) {
            showReadout(hoverX);
        } else {
            readout.setText(hint());
        }
    }

    private String hint() {
        return frame == null || frame.buckets() == 0 ? "" : "Point at the chart to read one moment's numbers.";
    }

    private void rebuildLegend() {
        legend.getChildren().clear();
        swatches.clear();
        for (int i = 0; i < frame.series().size(); i++) {
            Region swatch = new Region();
            swatch.getStyleClass().add("rate-swatch");
            swatch.setStyle("-fx-background-color: " + colours.get(i % colours.size()) + ";");
            swatch.setMinSize(12, 12);
            swatch.setMaxSize(12, 12);
            swatch.backgroundProperty().addListener((obs, old, next) -> draw());
            swatches.add(swatch);
            Label text = new Label();
            text.getStyleClass().add("rate-legend-text");
            HBox entry = new HBox(6, swatch, text);
            entry.setAlignment(Pos.CENTER_LEFT);
            entry.getStyleClass().add("rate-legend-entry");
            legend.getChildren().add(entry);
        }
    }

    private void updateLegendText() {
        // The legend reads top of the stack first, like the bands on screen.
        List<Node> entries = new ArrayList<>();
        for (int i = frame.series().size() - 1; i >= 0; i--) {
            RateSeries series = frame.series().get(i);
            HBox entry = (HBox) legendEntry(i);
            Label text = (Label) entry.getChildren().get(1);
            text.setText(Formats.oneLine(series.label(), 60) + "  " + Formats.rate(series.latest()) + "/s now · peak "
                    + Formats.rate(series.peak()) + "/s");
            if (text.getTooltip() == null || !text.getTooltip().getText().equals(series.label())) {
                text.setTooltip(new Tooltip(series.label()));
            }
            entries.add(entry);
        }
        legend.getChildren().setAll(entries);
    }

    private Node legendEntry(int series) {
        return swatches.get(series).getParent();
    }

    private Paint fillOf(int series) {
        Region swatch = swatches.get(series);
        if (swatch.getBackground() == null || swatch.getBackground().getFills().isEmpty()) {
            return Color.GRAY; // before the first CSS pass; redrawn when the swatch gets its colour
        }
        return swatch.getBackground().getFills().get(0).getFill();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        g.clearRect(0, 0, width, height);
        if (frame == null || width < LEFT + RIGHT + 10 || height < TOP + BOTTOM + 10) {
            return;
        }
        Paint ink = axisInk.getTextFill();
        double plotWidth = width - LEFT - RIGHT;
        double plotHeight = height - TOP - BOTTOM;
        g.setFont(TEXT);
        g.setFill(ink);
        g.setStroke(ink);

        // Rate axis: a faint grid line and a label per tick.
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double tick : layout.rateTicks()) {
            double y = TOP + plotHeight - tick / layout.axisMax() * plotHeight;
            g.setGlobalAlpha(tick == 0 ? 0.8 : 0.2);
            g.strokeLine(LEFT, snap(y), LEFT + plotWidth, snap(y));
            g.setGlobalAlpha(1);
            g.fillText(Formats.rate(tick) + "/s", LEFT - 6, y);
        }

        // Bands: one rectangle per series and bucket, bottom series first.
        double bucketWidth = plotWidth / Math.max(1, frame.buckets());
        double[][] tops = layout.tops();
        for (int i = 0; i < tops.length; i++) {
            g.setFill(fillOf(i));
            for (int b = 0; b < frame.buckets(); b++) {
                double bottom = i == 0 ? 0 : tops[i - 1][b];
                double top = tops[i][b];
                if (top > bottom) {
                    double y0 = TOP + plotHeight - top / layout.axisMax() * plotHeight;
                    double y1 = TOP + plotHeight - bottom / layout.axisMax() * plotHeight;
                    g.fillRect(LEFT + b * bucketWidth, y0, Math.ceil(bucketWidth), y1 - y0);
                }
            }
        }

        // Time axis: whole minutes, and "now" at the right edge.
        g.setFill(ink);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        for (Instant tick : layout.timeTicks()) {
            double x = LEFT + ChartLayout.xOf(frame, tick) * plotWidth;
            g.setGlobalAlpha(0.2);
            g.strokeLine(snap(x), TOP, snap(x), TOP + plotHeight);
            g.setGlobalAlpha(1);
            if (x < LEFT + plotWidth - 30) {
                g.fillText(Formats.seconds(tick).substring(0, 5), x, TOP + plotHeight + 5);
            }
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("now", LEFT + plotWidth, TOP + plotHeight + 5);

        if (allZero(tops)) {
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(emptyText, LEFT + plotWidth / 2, TOP + plotHeight / 2);
        }
    }

    private static boolean allZero(double[][] tops) {
        for (double[] series : tops) {
            for (double top : series) {
                if (top > 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private void showReadout(double x) {
        if (frame == null || frame.buckets() == 0) {
            return;
        }
        double plotWidth = canvas.getWidth() - LEFT - RIGHT;
        int bucket = (int) Math.floor((x - LEFT) / plotWidth * frame.buckets());
        if (bucket < 0 || bucket >= frame.buckets()) {
            readout.setText(hint());
            return;
        }
        Instant from = frame.start().plus(frame.bucket().multipliedBy(bucket));
        double total = 0;
        StringBuilder bands = new StringBuilder();
        for (int i = frame.series().size() - 1; i >= 0; i--) {
            RateSeries series = frame.series().get(i);
            double rate = series.perSecond()[bucket];
            total += rate;
            if (rate > 0) {
                bands.append(" · ").append(Formats.oneLine(series.label(), 40)).append(' ')
                        .append(Formats.rate(rate)).append("/s");
            }
        }
        readout.setText(Formats.seconds(from) + "–" + Formats.seconds(from.plus(frame.bucket())) + " · total "
                + Formats.rate(total) + "/s" + bands);
    }

    private static double snap(double coordinate) {
        return Math.floor(coordinate) + 0.5;
    }
}
