package dev.klaxon.cli;

import dev.klaxon.config.ConfigException;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonDirs;
import dev.klaxon.config.KlaxonConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds and loads the config a command names with {@code --config}, or the default one. */
final class ConfigSource {
    private final Path home;
    private final KlaxonDirs dirs;

    ConfigSource(CliContext context) {
        this.home = context.home();
        this.dirs = KlaxonDirs.of(context.home(), context.environment());
    }

    /** @param given the {@code --config} value, or null for the default file */
    Path path(String given) {
        return given != null ? Path.of(given) : dirs.configFile();
    }

    /** @param given the {@code --config} value, or null for the default file */
    KlaxonConfig load(String given) throws ConfigException, UsageException {
        Path path = path(given);
        if (!Files.exists(path)) {
            throw new UsageException("no config at " + path + "; write a commented default with: config init"
                    + (given != null ? " --config " + path : ""));
        }
        return new ConfigLoader(home).load(path);
    }
}
