package dev.klaxon.guard;

import dev.klaxon.message.AlertMessage;
import dev.klaxon.message.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a flooding subject sent while held back: how many, over what time, the top sources and severities, and the
 * first and last summaries. Sources are counted in a bounded map, so a flood from a million hosts stays small.
 */
final class FloodSummary {
    static final int TOP = 5;
    private static final int MAX_SOURCES = 1_000;
    private static final int SAMPLE_CHARS = 300;

    private long count;
    private Instant first;
    private Instant last;
    private String firstSummary;
    private String lastSummary;
    private final Map<String, Long> sources = new HashMap<>();
    private long otherSources;
    private final Map<String, Long> subjects = new HashMap<>();
    private final EnumMap<Severity, Long> severities = new EnumMap<>(Severity.class);

    void add(AlertMessage message, Instant at) {
        count++;
        if (first == null) {
            first = at;
            firstSummary = sample(message);
        }
        last = at;
        lastSummary = sample(message);
        String source = message.source() == null ? "(no source)" : message.source();
        if (sources.containsKey(source) || sources.size() < MAX_SOURCES) {
            sources.merge(source, 1L, Long::sum);
        } else {
            otherSources++;
        }
        if (subjects.containsKey(message.subject()) || subjects.size() < MAX_SOURCES) {
            subjects.merge(message.subject(), 1L, Long::sum);
        }
        if (message.severity() != null) {
            severities.merge(message.severity(), 1L, Long::sum);
        }
    }

    long count() {
        return count;
    }

    Instant first() {
        return first;
    }

    Instant last() {
        return last;
    }

    String firstSummary() {
        return firstSummary;
    }

    String lastSummary() {
        return lastSummary;
    }

    /** The most frequent sources, most frequent first. */
    List<Map.Entry<String, Long>> topSources() {
        return top(sources);
    }

    /** The most frequent subjects, most frequent first (interesting for floods wider than one subject). */
    List<Map.Entry<String, Long>> topSubjects() {
        return top(subjects);
    }

    private static List<Map.Entry<String, Long>> top(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> all = new ArrayList<>(counts.entrySet());
        all.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        return all.subList(0, Math.min(TOP, all.size()));
    }

    long otherSources() {
        return otherSources;
    }

    Map<Severity, Long> severities() {
        return severities;
    }

    /** The most severe severity seen; error when none carried one. */
    Severity highestSeverity() {
        for (Severity severity : Severity.values()) {
            if (severities.containsKey(severity)) {
                return severity;
            }
        }
        return Severity.ERROR;
    }

    private static String sample(AlertMessage message) {
        String summary = message.summary() == null ? "(no summary)" : message.summary();
        return summary.length() <= SAMPLE_CHARS ? summary : summary.substring(0, SAMPLE_CHARS) + "…";
    }
}
