package dev.klaxon.guard;

import dev.klaxon.decision.RuleHit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The triggers flood state held back, oldest first, so they can be released by hand. In memory and bounded: past
 * {@code capacity} the oldest are forgotten (and counted), since the coalesced events already told PagerDuty how
 * many there were. Thread-safe: the processing thread adds, a person's action takes.
 */
public final class HeldEvents {
    public static final int DEFAULT_CAPACITY = 20_000;

    private final int capacity;
    private final LinkedHashMap<Long, HeldEvent> events = new LinkedHashMap<>();
    /** Held events by stream sequence, so one taken over from an earlier sender is never held twice. */
    private final Map<Long, Integer> bySequence = new HashMap<>();
    private long nextId = 1;
    private long forgotten;

    public HeldEvents(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(String subject, RuleHit page, Instant at, long streamSequence) {
        long id = nextId++;
        events.put(id, new HeldEvent(id, subject, page.ruleIndex(), page.ruleLabel(), page.routingKeyRef(),
                page.eventBody().deepCopy(), at, streamSequence));
        if (streamSequence > 0) {
            bySequence.merge(streamSequence, 1, Integer::sum);
        }
        if (events.size() > capacity) {
            Iterator<Map.Entry<Long, HeldEvent>> oldest = events.entrySet().iterator();
            forget(oldest.next().getValue());
            oldest.remove();
            forgotten++;
        }
    }

    /**
     * Holds the pages of a trigger an earlier sender held (team mode), read back from the stream.
     *
     * @return false when this member already holds the message at that sequence
     */
    public synchronized boolean takeOver(String subject, List<RuleHit> pages, Instant heldAt, long streamSequence) {
        if (bySequence.containsKey(streamSequence)) {
            return false;
        }
        for (RuleHit page : pages) {
            add(subject, page, heldAt, streamSequence);
        }
        return true;
    }

    /** The stream sequences of everything held, by subject: what a next sender needs to hold them again. */
    public synchronized Map<String, List<Long>> sequencesBySubject() {
        Map<String, List<Long>> sequences = new TreeMap<>();
        for (HeldEvent event : events.values()) {
            if (event.streamSequence() > 0) {
                List<Long> listed = sequences.computeIfAbsent(event.subject(), s -> new ArrayList<>());
                if (listed.isEmpty() || listed.get(listed.size() - 1) != event.streamSequence()) {
                    listed.add(event.streamSequence()); // a message paging two routes is listed once
                }
            }
        }
        return sequences;
    }

    private void forget(HeldEvent event) {
        if (event.streamSequence() > 0) {
            bySequence.computeIfPresent(event.streamSequence(), (sequence, count) -> count > 1 ? count - 1 : null);
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
        Map<String, List<HeldEvent>> held = new TreeMap<>();
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
        taken.forEach(event -> {
            events.remove(event.id());
            forget(event);
        });
        return taken;
    }

    /**
     * Takes a subject's held events up to and including id {@code upToId} out, oldest first: exactly those a person
     * saw counted, since ids only grow; the ones held after stay held.
     */
    public synchronized List<HeldEvent> takeUpTo(String subject, long upToId) {
        List<HeldEvent> taken = new ArrayList<>();
        for (HeldEvent event : events.values()) {
            if (event.subject().equals(subject) && event.id() <= upToId) {
                taken.add(event);
            }
        }
        taken.forEach(event -> {
            events.remove(event.id());
            forget(event);
        });
        return taken;
    }

    /** Takes one held event out; empty when it is gone (released or forgotten). */
    public synchronized List<HeldEvent> take(long id) {
        HeldEvent event = events.remove(id);
        if (event == null) {
            return List.of();
        }
        forget(event);
        return List.of(event);
    }

    public synchronized int size() {
        return events.size();
    }

    /** Held events dropped to stay within capacity since start. */
    public synchronized long forgotten() {
        return forgotten;
    }
}
