package dev.klaxon.app.backend.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines two texts do not share, in order, as {@code - 12: old} and {@code + 12: new} (line numbers of the old and
 * the new text). Longest common subsequence over lines: a config is a few hundred lines at most.
 */
final class LineDiff {
    private LineDiff() {
    }

    static List<String> of(String before, String after) {
        String[] a = before.split("\\R", -1);
        String[] b = after.split("\\R", -1);
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                i++;
                j++;
            } else if (i < a.length && (j == b.length || common[i + 1][j] >= common[i][j + 1])) {
                lines.add("- " + (i + 1) + ": " + a[i]); // a changed line reads old first, then new
                i++;
            } else {
                lines.add("+ " + (j + 1) + ": " + b[j]);
                j++;
            }
        }
        return lines;
    }
}
