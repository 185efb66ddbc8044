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

    Path path(Arguments arguments) {
        String given = arguments.option("config");
        return given != null ? Path.of(given) : dirs.configFile();
    }

    KlaxonConfig load(Arguments arguments) throws ConfigException, UsageException {
        Path path = path(arguments);
        if (!Files.exists(path)) {
            throw new UsageException("no config at " + path + "; write a commented default with: config init"
                    + (arguments.option("config") != null ? " --config " + path : ""));
        }
        return new ConfigLoader(home).load(path);
    }
}
