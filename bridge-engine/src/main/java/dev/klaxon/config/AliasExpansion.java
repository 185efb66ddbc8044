package dev.klaxon.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * How large a YAML document becomes once every alias stands for what it names. SnakeYAML caps aliases to
 * collections, not aliases to scalars: 5,000 aliases to one 100 KB string (a 115 KB file) composed fine and then
 * became 500 MB wherever the config was printed or stored. Measured on the parser's events, before composing, so a
 * document is refused at the alias that crosses the limit, with that alias's line.
 *
 * <p>Each node counts 1, plus its length for a scalar; an alias counts what its anchor counted. One instance per
 * document.
 */
final class AliasExpansion {

    private final long limit;
    private final Map<String, Long> anchored = new HashMap<>();
    // Sizes of the anchored collections still open, innermost last; unanchored ones hold a null name.
    private final Deque<OpenCollection> open = new ArrayDeque<>();
    private long total;

    private AliasExpansion(long limit) {
        this.limit = limit;
    }

    /**
     * The 1-based line of the alias that takes the document over {@code limit}; empty when it stays within.
     * Syntax errors are not reported here: they surface as SnakeYAML's exceptions from the iteration, for the
     * composer to report as it always has.
     */
    static OptionalInt lineOverLimit(Iterable<Event> events, long limit) {
        AliasExpansion expansion = new AliasExpansion(limit);
        for (Event event : events) {
            if (expansion.add(event)) {
                return OptionalInt.of(event.getStartMark() == null ? 0 : event.getStartMark().getLine() + 1);
            }
        }
        return OptionalInt.empty();
    }

    /** True when this event is an alias that took the document over the limit. */
    private boolean add(Event event) {
        if (event instanceof ScalarEvent scalar) {
            long size = 1L + scalar.getValue().length();
            count(size);
            remember(scalar.getAnchor(), size);
        } else if (event instanceof CollectionStartEvent start) {
            count(1);
            open.addLast(new OpenCollection(start.getAnchor()));
        } else if (event instanceof CollectionEndEvent) {
            OpenCollection closed = open.removeLast();
            // Its own start was counted by its parent, not by itself: add it back for what an alias copies.
            remember(closed.anchor, closed.size + 1);
        } else if (event instanceof AliasEvent alias) {
            // An unknown anchor is the composer's error to report; it adds nothing here.
            count(anchored.getOrDefault(((NodeEvent) alias).getAnchor(), 0L));
            return total > limit;
        }
        return false;
    }

    private void count(long size) {
        total += size;
        for (OpenCollection collection : open) {
            collection.size += size;
        }
    }

    private void remember(String anchor, long size) {
        if (anchor != null) {
            anchored.put(anchor, size);
        }
    }

    /** A mapping or sequence whose end has not come yet, and the size of what it holds so far. */
    private static final class OpenCollection {
        private final String anchor;
        private long size;

        private OpenCollection(String anchor) {
            this.anchor = anchor;
        }
    }
}
