package dev.klaxon.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The triggers flood state held back, oldest first, so they can be released by hand. In memory and bounded: past
 * {@code capacity} the oldest are forgotten (and counted), since the coalesced events already told PagerDuty how
 * many there were. Thread-safe: the processing thread adds, a person's action takes.
 */
public final class HeldEvents {
    public static final int DEFAULT_CAPACITY = 20_000;

    private final int capacity;
    private final LinkedHashMap<Long, HeldEvent> events = new LinkedHashMap<>();
    private long nextId = 1;
    private long forgotten;

    public HeldEvents(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(String subject, int ruleIndex, String ruleLabel, ObjectNode body, Instant at) {
        long id = nextId++;
        events.put(id, new HeldEvent(id, subject, ruleIndex, ruleLabel, body.deepCopy(), at));
        if (events.size() > capacity) {
            Iterator<Map.Entry<Long, HeldEvent>> oldest = events.entrySet().iterator();
            oldest.next();
            oldest.remove();
            forgotten++;
        }
    }

    /** What is held for one subject, oldest first. */
    public synchronized List<HeldEvent> of(String subject) {
        List<HeldEvent> found = new ArrayList<>();
        for (HeldEvent event : events.values()) {
            if (event.subject().equals(subject)) {
                found.add(event);
            }
        }
        return found;
    }

    /** Everything held, by subject, oldest first within each; at most {@code perSubject} listed per subject. */
    public synchronized Map<String, List<HeldEvent>> bySubject(int perSubject) {
        Map<String, List<HeldEvent>> held = new java.util.TreeMap<>();
        for (HeldEvent event : events.values()) {
            List<HeldEvent> listed = held.computeIfAbsent(event.subject(), s -> new ArrayList<>());
            if (listed.size() < perSubject) {
                listed.add(event);
            }
        }
        return held;
    }

    /** Takes every held event of a subject out, oldest first. */
    public synchronized List<HeldEvent> takeAll(String subject) {
        List<HeldEvent> taken = of(subject);
        taken.forEach(event -> events.remove(event.id()));
        return taken;
    }

    /** Takes one held event out; empty when it is gone (released or forgotten). */
    public synchronized List<HeldEvent> take(long id) {
        HeldEvent event = events.remove(id);
        return event == null ? List.of() : List.of(event);
    }

    public synchronized int size() {
        return events.size();
    }

    /** Held events dropped to stay within capacity since start. */
    public synchronized long forgotten() {
        return forgotten;
    }
}
