package dev.klaxon.config;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where Klaxon keeps its files when nothing names them, after the XDG Base Directory rules: the config (and the
 * console's preferences) under {@code $XDG_CONFIG_HOME/klaxon}, else {@code ~/.config/klaxon}; the data a new
 * config points {@code storage.dir} at under {@code $XDG_DATA_HOME/klaxon}, else {@code ~/.local/share/klaxon}.
 * A relative XDG value is invalid by those rules and ignored.
 */
public record KlaxonDirs(Path config, Path data) {

    public static KlaxonDirs of(Path home, UnaryOperator<String> environment) {
        return new KlaxonDirs(base(environment.apply("XDG_CONFIG_HOME"), home.resolve(".config")).resolve("klaxon"),
                base(environment.apply("XDG_DATA_HOME"), home.resolve(".local").resolve("share"))
                        .resolve("klaxon"));
    }

    private static Path base(String value, Path fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Path path = Path.of(value);
        return path.isAbsolute() ? path : fallback;
    }

    /** The config file read when no {@code --config} is given. */
    public Path configFile() {
        return config.resolve("klaxon.yaml");
    }
}
