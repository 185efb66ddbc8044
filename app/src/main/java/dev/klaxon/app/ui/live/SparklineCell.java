package dev.klaxon.app.ui.live;

import dev.klaxon.app.rates.RateHistory;
import dev.klaxon.app.ui.common.Formats;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * A subject's rate over the last few minutes as a tiny filled line, one canvas per cell: the table only makes
 * cells for visible rows, so this stays a few dozen canvases whatever the number of subjects. Repaints when the
 * history completes a bucket, in the cell's text colour (so it follows the theme and the selected row); the
 * tooltip and accessible text give the numbers.
 */
final class SparklineCell extends TableCell<SubjectRow, String> {
    /** Last 3 minutes of 5-second buckets. */
    static final int BUCKETS = 36;
    private static final double WIDTH = 72;
    private static final double HEIGHT = 18;
    /**
     * The column is never narrower than the canvas and the cell's padding, so "now" on the right is never cut off.
     * A fixed canvas, not one that follows the column: resizing reallocates it, and a constrained table nudges its
     * column widths on every layout pass, which cost the FX thread most of its frames in a flood.
     */
    static final double COLUMN_MIN_WIDTH = WIDTH + 12;

    private final RateHistory history;
    private final Canvas canvas = new Canvas(WIDTH, HEIGHT);
    private final Tooltip tooltip = new Tooltip();
    // Change listeners, not invalidation ones: those fire once until someone reads the value again.
    // Held by the cell: the weak wrapper lets a cell the table throws away be collected with its listener.
    private final ChangeListener<Object> repaint = (obs, old, next) -> paint();

    SparklineCell(RateHistory history, ObservableValue<?> version) {
        this.history = history;
        version.addListener(new WeakChangeListener<>(repaint));
        textFillProperty().addListener(repaint);
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        getStyleClass().add("sparkline-cell");
    }

    @Override
    protected void updateItem(String subject, boolean empty) {
        super.updateItem(subject, empty);
        if (empty || subject == null) {
            setGraphic(null);
            setTooltip(null);
            setAccessibleText(null);
            return;
        }
        setGraphic(canvas);
        paint();
    }

    private void paint() {
        String subject = getItem();
        if (subject == null || isEmpty()) {
            return;
        }
        double[] rates = history.recent(subject, BUCKETS);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, WIDTH, HEIGHT);
        double peak = 0;
        for (double rate : rates) {
            peak = Math.max(peak, rate);
        }
        Paint ink = getTextFill() == null ? Color.GRAY : getTextFill();
        g.setFill(ink);
        g.setStroke(ink);
        if (rates.length < 2 || peak <= 0) {
            g.setGlobalAlpha(0.35);
            g.strokeLine(0, HEIGHT - 1.5, WIDTH, HEIGHT - 1.5);
            g.setGlobalAlpha(1);
            String text = "no messages in the last 3 min";
            tooltip.setText(text);
            setAccessibleText(text);
            setTooltip(tooltip);
            return;
        }
        double step = WIDTH / (rates.length - 1);
        double[] xs = new double[rates.length + 2];
        double[] ys = new double[rates.length + 2];
        for (int i = 0; i < rates.length; i++) {
            xs[i] = i * step;
            ys[i] = HEIGHT - 1 - rates[i] / peak * (HEIGHT - 3);
        }
        xs[rates.length] = WIDTH;
        ys[rates.length] = HEIGHT;
        xs[rates.length + 1] = 0;
        ys[rates.length + 1] = HEIGHT;
        g.setGlobalAlpha(0.3);
        g.fillPolygon(xs, ys, xs.length);
        g.setGlobalAlpha(1);
        g.setLineWidth(1.2);
        g.strokePolyline(xs, ys, rates.length);
        String text = "Last 3 min: " + Formats.rate(rates[rates.length - 1]) + "/s in the last 5 s, peak "
                + Formats.rate(peak) + "/s";
        tooltip.setText(text);
        setAccessibleText(text);
        setTooltip(tooltip);
    }
}
