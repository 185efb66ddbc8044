package dev.klaxon.guard;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How many copies of one atom counted repetitions ({@code {n}}, {@code {n,m}}, {@code {n,}}) nested inside one another
 * ask for: {@code ((a{10}){20}){30}} asks for 6,000. RE2/J expands counted repetitions while compiling and has no
 * memory limit, so this is checked on the text first, as RE2 itself does (it refuses nesting past 1,000).
 *
 * <p>A scan of the text, not a parse: it may over-count in odd corners (it never under-counts), which at worst
 * refuses a pattern that would have compiled, with a message that says why.
 */
final class RepetitionNesting {
    /** RE2's limit on nested repetition. */
    static final long LIMIT = 1_000;
    /** Products are capped here so that they cannot overflow; anything this large is refused anyway. */
    private static final long CAP = 1_000_000_000L;

    private RepetitionNesting() {
    }

    /** The largest product of nested repetition counts in {@code regex}; 1 when it has no counted repetition. */
    static long maxProduct(String regex) {
        Deque<long[]> groups = new ArrayDeque<>(); // per open group: the largest product inside it so far
        long[] top = {1};
        long lastAtom = 1; // the product the last atom carries: 1, or for a group the largest inside it
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i = skipEscape(regex, i);
                lastAtom = 1;
            } else if (c == '[') {
                i = skipClass(regex, i);
                lastAtom = 1;
            } else if (c == '(') {
                groups.push(top);
                top = new long[] {1};
                i++;
                lastAtom = 1;
            } else if (c == ')') {
                lastAtom = top[0];
                top = groups.isEmpty() ? new long[] {1} : groups.pop();
                top[0] = Math.max(top[0], lastAtom);
                i++;
            } else if (c == '{' && repeatEnd(regex, i) > 0) {
                int end = repeatEnd(regex, i);
                lastAtom = Math.min(CAP, lastAtom * count(regex, i + 1, end));
                top[0] = Math.max(top[0], lastAtom);
                i = end + 1;
            } else {
                i++;
                if (c != '*' && c != '+' && c != '?' && c != '|') {
                    lastAtom = 1;
                }
            }
        }
        long max = top[0];
        while (!groups.isEmpty()) {
            max = Math.max(max, groups.pop()[0]);
        }
        return max;
    }

    /** Index just past an escape: {@code \d}, {@code \x{263a}}, {@code \p{Greek}}, {@code \Q...\E}. */
    private static int skipEscape(String regex, int i) {
        if (i + 1 >= regex.length()) {
            return regex.length();
        }
        char kind = regex.charAt(i + 1);
        if (kind == 'Q') {
            int end = regex.indexOf("\\E", i + 2);
            return end < 0 ? regex.length() : end + 2;
        }
        if ((kind == 'x' || kind == 'p' || kind == 'P') && i + 2 < regex.length() && regex.charAt(i + 2) == '{') {
            int end = regex.indexOf('}', i + 3);
            return end < 0 ? regex.length() : end + 1;
        }
        return i + 2;
    }

    /** Index just past a character class such as {@code [^]a-z\]]} or {@code [[:alpha:]]}. */
    private static int skipClass(String regex, int i) {
        int j = i + 1;
        if (j < regex.length() && regex.charAt(j) == '^') {
            j++;
        }
        if (j < regex.length() && regex.charAt(j) == ']') {
            j++; // a ']' first is a literal
        }
        while (j < regex.length()) {
            char c = regex.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == '[' && j + 1 < regex.length() && regex.charAt(j + 1) == ':') {
                int end = regex.indexOf(":]", j + 2);
                j = end < 0 ? j + 1 : end + 2;
            } else if (c == ']') {
                return j + 1;
            } else {
                j++;
            }
        }
        return regex.length();
    }

    /** The index of the closing brace when {@code {} at {@code i} starts {@code {n}}, {@code {n,}} or {@code {n,m}}; else -1. */
    private static int repeatEnd(String regex, int i) {
        int j = i + 1;
        int digits = 0;
        while (j < regex.length() && Character.isDigit(regex.charAt(j))) {
            j++;
            digits++;
        }
        if (digits == 0 || j >= regex.length()) {
            return -1;
        }
        if (regex.charAt(j) == ',') {
            j++;
            while (j < regex.length() && Character.isDigit(regex.charAt(j))) {
                j++;
            }
        }
        return j < regex.length() && regex.charAt(j) == '}' ? j : -1;
    }

    /** The larger count of {@code n}, {@code n,} or {@code n,m} between {@code from} and {@code to}. */
    private static long count(String regex, int from, int to) {
        long largest = 1;
        for (String part : regex.substring(from, to).split(",", -1)) {
            if (!part.isEmpty()) {
                largest = Math.max(largest, part.length() > 9 ? CAP : Long.parseLong(part));
            }
        }
        return largest;
    }
}
