package dev.klaxon.config;

import dev.klaxon.secret.RegularFiles;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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

    /** Largest config file read, in bytes. */
    public static final int MAX_FILE_SIZE = YamlComposer.MAX_SIZE;

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
     * @throws ConfigException if the file is missing, unreadable, not a regular file, over 1 MB, not UTF-8, or
     *                         invalid in any way
     */
    public KlaxonConfig load(Path file) throws ConfigException {
        Path source = file.toAbsolutePath().normalize();
        return parse(readText(source), source);
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

    /**
     * The text of a config file, read through {@link RegularFiles}: a FIFO given as {@code --config} used to hang,
     * and {@code /dev/zero} to run out of memory. Public so every reader of the config file (the engine's checksum,
     * the console's settings) goes through the same checks.
     *
     * @throws ConfigException naming the file and why it cannot be used
     */
    public static String readText(Path file) throws ConfigException {
        byte[] bytes;
        try {
            bytes = RegularFiles.read(file, YamlComposer.MAX_SIZE, "a config file");
        } catch (RegularFiles.RefusedFileException e) {
            if (e.reason() == RegularFiles.Reason.TOO_LARGE) {
                throw fileProblem(file, "the file is larger than 1 MB" + (e.size() < 0 ? "" : " (" + e.size()
                        + " bytes)") + "; a Klaxon config is a few KB");
            }
            throw fileProblem(file, e.reason() == RegularFiles.Reason.NOT_REGULAR ? "the file " + e.getMessage()
                    : e.getMessage());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw fileProblem(file, "file is not valid UTF-8 text");
        }
    }

    private static ConfigException fileProblem(Path file, String message) {
        return new ConfigException(file, List.of(new ConfigError("", message, 0)));
    }
}
