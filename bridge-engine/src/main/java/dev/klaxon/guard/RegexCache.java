package dev.klaxon.guard;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Compiled matcher regexes by pattern text, so that a silence's patterns are compiled once and not on every message
 * nor on every refresh of the silences. Bounded: {@link #retainOnly} drops what no current silence uses, and past
 * {@code capacity} entries the cache starts over. Reads take no lock (the processing thread reads it per message).
 *
 * <p>A pattern that no longer compiles (stored by an older Klaxon that took Java regex syntax) is kept as "matches
 * nothing" and logged once: the silence stops silencing, so its alerts page rather than vanish.
 */
final class RegexCache {
    static final int DEFAULT_CAPACITY = 1_024;
    private static final Logger LOG = Logger.getLogger(RegexCache.class.getName());

    private final int capacity;
    private final Function<String, LinearRegex> compiler;
    /** Empty: the text did not compile. */
    private final Map<String, Optional<LinearRegex>> compiled = new ConcurrentHashMap<>();

    RegexCache() {
        this(DEFAULT_CAPACITY, LinearRegex::compile);
    }

    /** @param compiler {@link LinearRegex#compile}; a seam for tests that count compilations */
    RegexCache(int capacity, Function<String, LinearRegex> compiler) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.compiler = Objects.requireNonNull(compiler, "compiler");
    }

    /** True when the whole of {@code value} matches {@code regex}; false for a pattern that cannot be compiled. */
    boolean matchesWhole(String regex, String value) {
        Optional<LinearRegex> found = compiled.get(regex);
        if (found == null) {
            found = compile(regex);
        }
        return found.isPresent() && found.get().matchesWhole(value);
    }

    /** Compiles what is not compiled yet, so that the processing thread finds it ready. */
    void prepare(Collection<String> regexes) {
        for (String regex : regexes) {
            if (!compiled.containsKey(regex)) {
                compile(regex);
            }
        }
    }

    /** Forgets every pattern not in {@code inUse}. */
    void retainOnly(Collection<String> inUse) {
        compiled.keySet().retainAll(Set.copyOf(inUse));
    }

    int size() {
        return compiled.size();
    }

    private Optional<LinearRegex> compile(String regex) {
        if (compiled.size() >= capacity) {
            compiled.clear(); // crude but bounded; the current silences' patterns come back at the next prepare
        }
        return compiled.computeIfAbsent(regex, text -> {
            try {
                return Optional.of(compiler.apply(text));
            } catch (IllegalArgumentException e) {
                LOG.warning("a stored silence matcher cannot be used and matches nothing: " + e.getMessage());
                return Optional.empty();
            }
        });
    }
}
