package dev.klaxon.app.backend.engine;

import dev.klaxon.app.backend.SettingsBackend.Review;
import dev.klaxon.app.backend.SettingsBackend.Saved;
import dev.klaxon.config.ConfigException;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.ConfigTextEdit;
import dev.klaxon.config.ConfigTextEditor;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.delivery.RoutingKeyPreflight;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The user's config file as the settings view changes it. Every method reads the file as it is on disk now (someone
 * may have edited it since Klaxon started), applies only the settings edits, and checks the result with the same
 * config reader Klaxon starts with, so the rules live in one place. Saving keeps a timestamped copy of the file as it
 * was beside it. Reads and writes files: never call on the FX thread.
 */
public final class SettingsFile {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path file;
    private final ConfigLoader loader;
    private final UnaryOperator<String> environment;
    private final Clock clock;
    private final ConfigTextEditor editor = new ConfigTextEditor();

    /** @param environment where routing keys given by environment variable are looked for, for warnings */
    public SettingsFile(Path file, ConfigLoader loader, UnaryOperator<String> environment, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Path path() {
        return file;
    }

    public Review review(List<ConfigTextEdit> edits) {
        String before;
        try {
            before = ConfigLoader.readText(file);
        } catch (ConfigException e) {
            return new Review("cannot read " + file + ": " + e.errors().get(0).render(), List.of(),
                    List.of(), List.of(), null);
        }
        String after;
        try {
            after = editor.apply(before, edits);
        } catch (ConfigTextEditor.EditException e) {
            return new Review(e.getMessage(), List.of(), List.of(), List.of(), null);
        }
        List<String> diff = LineDiff.of(before, after);
        try {
            KlaxonConfig config = loader.parse(after, file);
            return new Review(null, List.of(), RoutingKeyPreflight.check(config, environment), diff, config);
        } catch (ConfigException e) {
            return new Review(null, e.errors(), List.of(), diff, null);
        }
    }

    /**
     * Applies the edits to the file as it is now, if the result is a valid config: first a copy of the current file
     * beside it ({@code klaxon.yaml.bak-20260101T120000Z}), then the new text written to a temporary file and moved
     * over the old one, so a crash never leaves half a config.
     *
     * @throws IOException           the file cannot be read, backed up or written
     * @throws IllegalStateException the edits do not make a valid config (review first); the message says why
     */
    public Saved save(List<ConfigTextEdit> edits) throws IOException {
        String before;
        try {
            // The same checks as loading: the file may have been replaced by a FIFO or a huge file since.
            before = ConfigLoader.readText(file);
        } catch (ConfigException e) {
            throw new IOException("cannot read " + file + ": " + e.errors().get(0).render(), e);
        }
        String after;
        try {
            after = editor.apply(before, edits);
            loader.parse(after, file);
        } catch (ConfigTextEditor.EditException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (ConfigException e) {
            throw new IllegalStateException("not saved: " + e.errors().get(0).render(), e);
        }
        Path backup = file.resolveSibling(file.getFileName() + ".bak-" + STAMP.format(clock.instant()));
        Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, after, StandardCharsets.UTF_8);
            keepPermissions(temp);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return new Saved(file, backup);
    }

    /** The new file gets the old one's permissions, not the temporary file's owner-only ones. */
    private void keepPermissions(Path temp) throws IOException {
        try {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the platform's defaults apply
        }
    }
}
