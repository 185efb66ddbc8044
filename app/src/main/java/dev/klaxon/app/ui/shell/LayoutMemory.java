package dev.klaxon.app.ui.shell;

import dev.klaxon.app.prefs.ConsolePrefs;
import dev.klaxon.app.prefs.ConsolePrefs.WindowBounds;
import dev.klaxon.app.prefs.Theme;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Puts the console back the way the operator left it (window bounds, split dividers, column widths) and reports
 * every later change of those or of the theme, for the caller to save (debounced, off the FX thread). FX thread
 * only.
 */
public final class LayoutMemory {
    /**
     * The parts of the main window whose layout is remembered.
     *
     * @param splits split panes by id
     * @param tables tables by id
     * @param sound  whether alerts play a sound
     */
    public record Parts(Map<String, SplitPane> splits, Map<String, TableView<?>> tables,
                        ObservableValue<Theme> theme, BooleanProperty sound) {
    }

    private final Parts parts;
    private final Consumer<ConsolePrefs> changed;
    /** Widths of columns hidden right now (the subjects' Flood column) are kept from before. */
    private final Map<String, Map<String, Double>> columns = new HashMap<>();
    private WindowBounds normal;
    private Stage stage;

    /** @param changed told the whole layout whenever part of it changes */
    public LayoutMemory(Parts parts, Consumer<ConsolePrefs> changed) {
        this.parts = parts;
        this.changed = changed;
    }

    /** Sizes and places the stage as saved, if that still fits on one of the screens; before it is shown. */
    public static void placeStage(Stage stage, ConsolePrefs prefs) {
        WindowBounds saved = prefs.window();
        if (saved == null) {
            return;
        }
        Rectangle2D bounds = new Rectangle2D(saved.x(), saved.y(), saved.width(), saved.height());
        // A screen that was unplugged since: keep the default placement rather than open off-screen.
        boolean onScreen = !Screen.getScreensForRectangle(bounds).isEmpty();
        stage.setWidth(saved.width());
        stage.setHeight(saved.height());
        if (onScreen) {
            stage.setX(saved.x());
            stage.setY(saved.y());
        }
        stage.setMaximized(saved.maximized());
    }

    /** Applies the saved dividers and column widths; unknown ids and other counts are left at their defaults. */
    public void restore(ConsolePrefs prefs) {
        prefs.dividers().forEach((id, positions) -> {
            SplitPane split = parts.splits().get(id);
            if (split != null && split.getDividers().size() == positions.size()) {
                split.setDividerPositions(positions.stream().mapToDouble(Double::doubleValue).toArray());
            }
        });
        prefs.columns().forEach((id, widths) -> {
            TableView<?> table = parts.tables().get(id);
            if (table != null) {
                for (TableColumn<?, ?> column : table.getColumns()) {
                    Double width = widths.get(key(column));
                    if (width != null) {
                        column.setPrefWidth(width);
                    }
                }
                columns.put(id, new LinkedHashMap<>(widths));
            }
        });
        normal = prefs.window();
        if (prefs.sound() != null) {
            parts.sound().set(prefs.sound());
        }
    }

    /** From now on, reports each change of the stage, dividers, columns and theme. */
    public void watch(Stage watched) {
        this.stage = watched;
        for (ObservableValue<?> value : List.of(stage.xProperty(), stage.yProperty(), stage.widthProperty(),
                stage.heightProperty(), stage.maximizedProperty(), parts.theme(), parts.sound())) {
            report(value);
        }
        parts.splits().values().forEach(split -> split.getDividers().forEach(divider ->
                report(divider.positionProperty())));
        parts.tables().values().forEach(table -> table.getColumns().forEach(column -> {
            report(column.widthProperty());
            report(column.visibleProperty());
        }));
    }

    /** A change listener, not an invalidation one: capture() does not read every value (hidden columns). */
    private <T> void report(ObservableValue<T> value) {
        value.addListener((obs, old, now) -> changed.accept(capture()));
    }

    /** The layout as it is now. */
    public ConsolePrefs capture() {
        if (stage != null && !stage.isMaximized() && !stage.isIconified()) {
            normal = new WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
        }
        WindowBounds window = normal == null || stage == null ? normal
                : new WindowBounds(normal.x(), normal.y(), normal.width(), normal.height(), stage.isMaximized());
        Map<String, List<Double>> dividers = new LinkedHashMap<>();
        parts.splits().forEach((id, split) -> {
            List<Double> positions = new ArrayList<>();
            for (double position : split.getDividerPositions()) {
                positions.add(Math.round(position * 10_000) / 10_000.0);
            }
            dividers.put(id, positions);
        });
        parts.tables().forEach((id, table) -> {
            Map<String, Double> widths = columns.computeIfAbsent(id, t -> new LinkedHashMap<>());
            for (TableColumn<?, ?> column : table.getColumns()) {
                if (column.isVisible() && column.getWidth() > 0) {
                    widths.put(key(column), Math.rint(column.getWidth()));
                }
            }
        });
        Map<String, Map<String, Double>> widths = new LinkedHashMap<>();
        columns.forEach((id, byColumn) -> widths.put(id, Map.copyOf(byColumn)));
        return new ConsolePrefs(parts.theme().getValue(), window, dividers, widths, parts.sound().get());
    }

    private static String key(TableColumn<?, ?> column) {
        return column.getId() != null ? column.getId() : column.getText();
    }
}
