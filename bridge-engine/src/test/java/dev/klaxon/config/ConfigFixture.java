package dev.klaxon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A config directory and a home directory under a test's temp dir, and a loader wired to them. */
final class ConfigFixture {

    final Path home;
    final Path configDir;
    final Path configFile;
    final ConfigLoader loader;

    ConfigFixture(Path tempDir) {
        this.home = tempDir.resolve("home");
        this.configDir = tempDir.resolve("etc");
        this.configFile = configDir.resolve("klaxon.yaml");
        try {
            Files.createDirectories(home);
            Files.createDirectories(configDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.loader = new ConfigLoader(home);
    }

    KlaxonConfig parse(String yaml) throws ConfigException {
        return loader.parse(yaml, configFile);
    }

    /** The rendered errors of a config that must be refused. */
    List<String> errors(String yaml) {
        ConfigException refused = catchThrowableOfType(ConfigException.class, () -> loader.parse(yaml, configFile));
        assertThat(refused).as("the config should have been refused:%n%s", yaml).isNotNull();
        return refused.errors().stream().map(ConfigError::render).toList();
    }

    /** Writes a file relative to the config directory and returns its absolute path. */
    Path writeInConfigDir(String relative, String content) {
        try {
            Path file = configDir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
