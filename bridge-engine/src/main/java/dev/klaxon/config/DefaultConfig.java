package dev.klaxon.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The config a first run writes: every key documented, prod paging in shadow mode, staging logged. */
public final class DefaultConfig {

    private static final String RESOURCE = "default-config.yaml";

    private DefaultConfig() {
    }

    private static final String DEFAULT_STORAGE_LINE = "  dir: ~/.local/share/klaxon";

    /** The commented default config. */
    public static String text() {
        try (InputStream in = DefaultConfig.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
        }
    }

    /**
     * Writes the default config unless the file already exists; an existing file is never touched.
     *
     * @return true if this call created the file
     */
    public static boolean writeIfMissing(Path file) throws IOException {
        return writeIfMissing(file, text());
    }

    /**
     * Like {@link #writeIfMissing(Path)}, with {@code storage.dir} at {@code dirs}' data directory when that is not
     * the usual {@code ~/.local/share/klaxon} ({@code XDG_DATA_HOME} is set).
     */
    public static boolean writeIfMissing(Path file, KlaxonDirs dirs, Path home) throws IOException {
        String text = text();
        if (!dirs.data().equals(home.resolve(".local").resolve("share").resolve("klaxon"))) {
            text = text.replace(DEFAULT_STORAGE_LINE, "  dir: \"" + dirs.data().toString().replace("\\", "/")
                    .replace("\"", "\\\"") + "\"");
        }
        return writeIfMissing(file, text);
    }

    private static boolean writeIfMissing(Path file, String text) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            // CREATE_NEW: if two first runs race, one writes and the other sees the file, never a mix of both.
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }
}
