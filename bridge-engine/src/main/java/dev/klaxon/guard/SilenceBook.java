package dev.klaxon.guard;

import dev.klaxon.message.AlertMessage;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The silences the processing thread checks, and what they matched since the counts were last saved. The list is
 * replaced whole (from the store, every few seconds or at once after a change here), so the hot path reads one
 * volatile field and never touches the disk. Regex matchers are compiled when a silence first enters the book, on
 * the thread that replaces the list, and then reused: never per message, never per refresh.
 */
public final class SilenceBook {
    private volatile List<Silence> silences = List.of();
    private final Map<Long, LongAdder> unsaved = new ConcurrentHashMap<>();
    private final RegexCache regexes;

    public SilenceBook() {
        this(new RegexCache());
    }

    SilenceBook(RegexCache regexes) {
        this.regexes = regexes;
    }

    /** Takes {@code current} as the silences to check; callers pass only silences that have not ended. */
    public void replace(List<Silence> current) {
        List<Silence> copy = List.copyOf(current);
        Set<String> inUse = new HashSet<>();
        for (Silence silence : copy) {
            inUse.addAll(silence.regexes());
        }
        regexes.prepare(inUse);
        silences = copy;
        regexes.retainOnly(inUse); // after the switch, so the processing thread never misses a pattern it needs
    }

    public List<Silence> current() {
        return silences;
    }

    /** The first silence active at {@code now} that matches, without counting it (for explanations). */
    public Optional<Silence> find(AlertMessage message, Instant now) {
        for (Silence silence : silences) {
            if (silence.activeAt(now) && silence.matches(message, regexes)) {
                return Optional.of(silence);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #find}, and counts the match. */
    Optional<Silence> match(AlertMessage message, Instant now) {
        Optional<Silence> found = find(message, now);
        found.ifPresent(silence -> unsaved.computeIfAbsent(silence.id(), id -> new LongAdder()).increment());
        return found;
    }

    /** Matches counted since the last call, per silence id; the counters restart from zero. */
    public Map<Long, Long> drainMatches() {
        Map<Long, Long> drained = new HashMap<>();
        for (Map.Entry<Long, LongAdder> entry : unsaved.entrySet()) {
            long count = entry.getValue().sumThenReset();
            if (count > 0) {
                drained.put(entry.getKey(), count);
            }
        }
        return drained;
    }

    /** Matches counted but not yet drained, for showing live numbers between saves. */
    public long unsavedMatches(long id) {
        LongAdder adder = unsaved.get(id);
        return adder == null ? 0 : adder.sum();
    }
}
