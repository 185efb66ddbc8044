package dev.klaxon.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and validates a Klaxon YAML config (see DESIGN.md, "Config"). Every problem in a file is reported at once in
 * one {@link ConfigException}, each naming the key and line. Secret values are never read here: the config only says
 * where they live ({@code *_env}, {@code *_file}). Files the config names must exist when it is loaded.
 *
 * <p>Stateless apart from the home directory it expands {@code ~} to; safe to share between threads.
 */
public final class ConfigLoader {

    private final Path home;

    /** A loader for the current user: {@code ~} is {@code user.home}. */
    public ConfigLoader() {
        this(Path.of(System.getProperty("user.home")));
    }

    /** @param home what {@code ~} in paths stands for */
    public ConfigLoader(Path home) {
        this.home = Objects.requireNonNull(home, "home").toAbsolutePath().normalize();
    }

    /**
     * Loads a config file. Relative paths inside it are relative to the file's directory.
     *
     * @throws ConfigException if the file is missing, unreadable, over 1 MB, not UTF-8, or invalid in any way
     */
    public KlaxonConfig load(Path file) throws ConfigException {
        Path source = file.toAbsolutePath().normalize();
        return parse(read(source), source);
    }

    /**
     * Parses config text.
     *
     * @param sourceForMessages the file the text came from, named in errors and used to resolve relative paths
     *                          (against its directory); null for text that has no file, and then relative paths are
     *                          relative to the working directory
     * @throws ConfigException listing every problem found
     */
    public KlaxonConfig parse(String yaml, Path sourceForMessages) throws ConfigException {
        Path source = sourceForMessages == null ? null : sourceForMessages.toAbsolutePath().normalize();
        Path baseDir = source == null || source.getParent() == null
                ? Path.of("").toAbsolutePath()
                : source.getParent();
        ConfigErrors errors = new ConfigErrors();
        Optional<Node> root = YamlComposer.compose(yaml, errors);
        Optional<KlaxonConfig> config = Optional.empty();
        if (errors.isEmpty()) {
            config = new ConfigDocumentReader(errors, new FileReferences(home, baseDir, errors))
                    .read(root.orElse(null), source);
        }
        if (!errors.isEmpty() || config.isEmpty()) {
            throw new ConfigException(source, errors.inFileOrder());
        }
        return config.get();
    }

    private static String read(Path file) throws ConfigException {
        try {
            long size = Files.size(file);
            if (size > YamlComposer.MAX_SIZE) {
                throw fileProblem(file, "the file is larger than 1 MB (" + size + " bytes); a Klaxon config is a "
                        + "few KB");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw fileProblem(file, "file not found");
        } catch (AccessDeniedException e) {
            throw fileProblem(file, "file is not readable (permission denied)");
        } catch (CharacterCodingException e) {
            throw fileProblem(file, "file is not valid UTF-8 text");
        } catch (IOException e) {
            throw fileProblem(file, "file cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static ConfigException fileProblem(Path file, String message) {
        return new ConfigException(file, List.of(new ConfigError("", message, 0)));
    }
}
