package dev.klaxon.app.prefs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads and writes {@link ConsolePrefs} as JSON (by default ~/.config/klaxon/console.json). Saving is debounced on
 * the store's own thread: a window being dragged or a column being resized asks to save many times a second and
 * the file is written once it has been still for a moment. A missing file gives the defaults silently; an
 * unreadable one gives the defaults and one line saying so, never an error: a layout is not worth failing a start.
 */
public final class PrefsStore implements AutoCloseable {
    private final Path file;
    private final Duration debounce;
    private final Consumer<String> info;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "klaxon-prefs");
        thread.setDaemon(true);
        return thread;
    });
    /** Held while taking and writing, so an older layout can never be written after a newer one. */
    private final Object writeLock = new Object();
    private ConsolePrefs pending;
    private ConsolePrefs written;
    private ScheduledFuture<?> scheduled;
    private boolean writeFailed;

    /** @param info told, in one line, when the file cannot be read or written */
    public PrefsStore(Path file, Duration debounce, Consumer<String> info) {
        this.file = Objects.requireNonNull(file, "file");
        this.debounce = Objects.requireNonNull(debounce, "debounce");
        this.info = Objects.requireNonNull(info, "info");
    }

    /** The file's name in Klaxon's config directory ({@code KlaxonDirs}). */
    public static final String FILE_NAME = "console.json";

    public Path file() {
        return file;
    }

    /** Reads the file; blocking, so not on the FX thread. */
    public ConsolePrefs load() {
        try {
            ConsolePrefs read = json.readValue(Files.readString(file), ConsolePrefs.class);
            ConsolePrefs prefs = read == null ? ConsolePrefs.defaults() : read;
            synchronized (this) {
                written = prefs;
            }
            return prefs;
        } catch (NoSuchFileException e) {
            return ConsolePrefs.defaults();
        } catch (JsonProcessingException e) {
            info.accept("ignoring the console layout in " + file + " (not valid: "
                    + oneLine(e.getOriginalMessage()) + "); using the default layout");
        } catch (IOException | RuntimeException e) {
            info.accept("ignoring the console layout in " + file + " (" + oneLine(String.valueOf(
                    e.getMessage())) + "); using the default layout");
        }
        return ConsolePrefs.defaults();
    }

    /** Asks for the prefs to be written once saving has been quiet for the debounce time; any thread. */
    public synchronized void save(ConsolePrefs prefs) {
        pending = Objects.requireNonNull(prefs, "prefs");
        if (scheduled == null || scheduled.isDone()) {
            scheduled = writer.schedule(this::writePending, debounce.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Writes what is pending now; blocking, so not on the FX thread. */
    public void flush() {
        writePending();
    }

    /** Writes what is pending and stops the writer thread. */
    @Override
    public void close() {
        writer.shutdown();
        flush();
    }

    private void writePending() {
        synchronized (writeLock) {
            ConsolePrefs next;
            synchronized (this) {
                next = pending;
                pending = null;
                if (next == null || next.equals(written)) {
                    return;
                }
            }
            try {
                write(next);
                synchronized (this) {
                    written = next;
                }
            } catch (IOException | RuntimeException e) {
                reportWriteFailure(e);
            }
        }
    }

    private void reportWriteFailure(Exception e) {
        synchronized (this) {
            if (writeFailed) {
                return; // said once; a full disk would otherwise repeat it on every resize
            }
            writeFailed = true;
        }
        info.accept("could not save the console layout to " + file + " (" + oneLine(String.valueOf(
                e.getMessage())) + ")");
    }

    /** Via a temporary file and a rename, so a crash mid-write leaves the old layout rather than half a file. */
    private void write(ConsolePrefs prefs) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "console", ".json.tmp");
        try {
            json.writeValue(temp.toFile(), prefs);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String oneLine(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return line.length() > 160 ? line.substring(0, 159) + "…" : line;
    }
}
