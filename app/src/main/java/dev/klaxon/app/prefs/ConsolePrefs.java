package dev.klaxon.app.prefs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the console remembers between runs: the theme, where the window was, the split dividers, the table
 * column widths and whether alerts play a sound. A mute is deliberately not remembered: a console restarted at 3 a.m.
 * must not stay silent because of a mute someone set the day before. Values read from a file may be nonsense; they are dropped here, so users of a prefs value never
 * check.
 *
 * @param theme    the theme last used, null when none was saved
 * @param window   the window's normal (not maximized) bounds, null when none were saved
 * @param dividers divider positions (0..1) per split pane id
 * @param columns  column widths per table id, then per column (its id, else its header text)
 * @param sound    whether alerts play a sound; null when never chosen (the default: on)
 */
public record ConsolePrefs(Theme theme, WindowBounds window, Map<String, List<Double>> dividers,
                           Map<String, Map<String, Double>> columns, Boolean sound) {

    public ConsolePrefs {
        if (window != null && !window.usable()) {
            window = null;
        }
        dividers = cleanDividers(dividers);
        columns = cleanColumns(columns);
    }

    public static ConsolePrefs defaults() {
        return new ConsolePrefs(null, null, Map.of(), Map.of(), null);
    }

    public Theme themeOr(Theme fallback) {
        return theme == null ? fallback : theme;
    }

    /** @param maximized whether the window was maximized; x, y, width and height are then its size before that */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
        boolean usable() {
            return Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(width) && Double.isFinite(height)
                    && width >= 200 && height >= 150 && width <= 100_000 && height <= 100_000;
        }
    }

    private static Map<String, List<Double>> cleanDividers(Map<String, List<Double>> raw) {
        Map<String, List<Double>> clean = new LinkedHashMap<>();
        if (raw != null) {
            raw.forEach((id, positions) -> {
                if (id != null && positions != null && !positions.isEmpty() && positions.stream()
                        .allMatch(p -> p != null && p >= 0 && p <= 1)) {
                    clean.put(id, List.copyOf(positions));
                }
            });
        }
        return Map.copyOf(clean);
    }

    private static Map<String, Map<String, Double>> cleanColumns(Map<String, Map<String, Double>> raw) {
        Map<String, Map<String, Double>> clean = new LinkedHashMap<>();
        if (raw != null) {
            raw.forEach((table, widths) -> {
                Map<String, Double> ok = new LinkedHashMap<>();
                if (table != null && widths != null) {
                    widths.forEach((column, width) -> {
                        if (column != null && width != null && width > 0 && width < 10_000) {
                            ok.put(column, width);
                        }
                    });
                }
                if (!ok.isEmpty()) {
                    clean.put(table, Map.copyOf(ok));
                }
            });
        }
        return Map.copyOf(clean);
    }
}
