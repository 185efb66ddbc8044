package dev.klaxon.guard;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Compiles like the engine does and remembers every pattern it was asked to compile, in order. */
final class CountingCompiler implements Function<String, LinearRegex> {
    final List<String> compiled = new CopyOnWriteArrayList<>();

    @Override
    public LinearRegex apply(String text) {
        compiled.add(text);
        return LinearRegex.compile(text);
    }
}
