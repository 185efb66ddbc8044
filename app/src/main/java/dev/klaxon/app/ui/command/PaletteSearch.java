package dev.klaxon.app.ui.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Ranks palette items against what the operator typed. Better matches first: the title starts with the query, a
 * word of the title starts with it, the title contains it, every word of the query is in the title or the detail,
 * and last the query's letters appear in order in the title ("dlt" finds "Dead letters"). Ties keep the given
 * order, so commands (listed first) come before subjects. Pure; no FX.
 */
public final class PaletteSearch {
    private static final int NO_MATCH = Integer.MAX_VALUE;

    private PaletteSearch() {
    }

    /** At most {@code limit} items; an empty query lists the items in order. */
    public static List<PaletteItem> find(List<PaletteItem> items, String query, int limit) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return List.copyOf(items.subList(0, Math.min(limit, items.size())));
        }
        record Scored(PaletteItem item, int score, int order) {
        }
        List<Scored> found = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            int score = score(items.get(i), q);
            if (score != NO_MATCH) {
                found.add(new Scored(items.get(i), score, i));
            }
        }
        found.sort(Comparator.comparingInt(Scored::score).thenComparingInt(Scored::order));
        return found.stream().limit(limit).map(Scored::item).toList();
    }

    static int score(PaletteItem item, String q) {
        String title = item.title().toLowerCase(Locale.ROOT);
        if (title.startsWith(q)) {
            return 0;
        }
        int at = title.indexOf(q);
        if (at > 0 && !Character.isLetterOrDigit(title.charAt(at - 1))) {
            return 1;
        }
        if (at > 0) {
            return 2;
        }
        String all = title + " " + item.detail().toLowerCase(Locale.ROOT);
        boolean everyWord = true;
        for (String word : q.split("\\s+")) {
            everyWord &= all.contains(word);
        }
        if (everyWord) {
            return 3;
        }
        int gaps = subsequenceGaps(title, q.replace(" ", ""));
        return gaps < 0 ? NO_MATCH : 4 + gaps;
    }

    /** How many characters the query's letters skip in the text when found in order; -1 if they are not. */
    private static int subsequenceGaps(String text, String q) {
        int gaps = 0;
        int from = 0;
        for (int i = 0; i < q.length(); i++) {
            int found = text.indexOf(q.charAt(i), from);
            if (found < 0) {
                return -1;
            }
            gaps += i == 0 ? 0 : found - from;
            from = found + 1;
        }
        return gaps;
    }
}
