package dev.klaxon.app.ui.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where a search text occurs in a text, case-insensitively; bounded so a huge body with a one-letter search stays cheap. */
final class TextSearch {
    static final int MAX_MATCHES = 10_000;

    private TextSearch() {
    }

    /** Start offsets of the matches, at most {@link #MAX_MATCHES}; empty for an empty search. */
    static List<Integer> matches(String text, String search) {
        if (text == null || search == null || search.isEmpty()) {
            return List.of();
        }
        String haystack = text.toLowerCase(Locale.ROOT);
        String needle = search.toLowerCase(Locale.ROOT);
        if (haystack.length() != text.length() || needle.length() != search.length()) {
            // A rare letter whose lower case has another length: fall back to region matching, same offsets.
            return regionMatches(text, search);
        }
        List<Integer> found = new ArrayList<>();
        for (int at = haystack.indexOf(needle); at >= 0 && found.size() < MAX_MATCHES;
             at = haystack.indexOf(needle, at + Math.max(1, needle.length()))) {
            found.add(at);
        }
        return found;
    }

    private static List<Integer> regionMatches(String text, String search) {
        List<Integer> found = new ArrayList<>();
        for (int at = 0; at + search.length() <= text.length() && found.size() < MAX_MATCHES; at++) {
            if (text.regionMatches(true, at, search, 0, search.length())) {
                found.add(at);
                at += search.length() - 1;
            }
        }
        return found;
    }
}
