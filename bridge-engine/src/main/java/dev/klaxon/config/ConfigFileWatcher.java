package dev.klaxon.config;

import dev.klaxon.route.RouteRule;
import dev.klaxon.secret.RegularFiles;
import dev.klaxon.secret.SecretRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches the config file and the secret files a reload reads again (signature secrets, the REST API token), and
 * calls back once the files have been quiet for a moment: an editor's save (write a temporary file, rename it over)
 * or a secret manager swapping a symlink is several events, and one reload is enough. Directories are watched, not
 * files, so a file replaced by a rename is still seen. The set of files is asked again after every change, since
 * the new config may name other secret files. A change that leaves every file's bytes as they were (an editor saving
 * without edits, a {@code touch}) is no change. One daemon thread.
 */
public final class ConfigFileWatcher implements AutoCloseable {
    /** How long the files must stay quiet before a change is reported. */
    public static final Duration DEFAULT_SETTLE = Duration.ofMillis(500);
    private static final Logger LOG = Logger.getLogger(ConfigFileWatcher.class.getName());

    private final WatchService service;
    private final Supplier<KlaxonConfig> current;
    private final Runnable onChange;
    private final Duration settle;
    private final Map<Path, WatchKey> directories = new HashMap<>();
    private final Thread thread;
    private volatile Set<Path> files = Set.of();
    /** A digest of the watched files' bytes when last reported or {@link #seen()}. */
    private volatile String fingerprint = "";
    private volatile boolean closed;

    private ConfigFileWatcher(WatchService service, Supplier<KlaxonConfig> current, Runnable onChange,
                              Duration settle) {
        this.service = service;
        this.current = current;
        this.onChange = onChange;
        this.settle = settle;
        this.thread = new Thread(this::watch, "klaxon-config-watch");
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching the files of {@code current} (asked again after each change).
     *
     * @param onChange called on the watcher's thread; a reload, typically
     * @throws IOException when the file system cannot watch
     */
    public static ConfigFileWatcher start(Supplier<KlaxonConfig> current, Runnable onChange, Duration settle)
            throws IOException {
        ConfigFileWatcher watcher = new ConfigFileWatcher(FileSystems.getDefault().newWatchService(), current,
                onChange, settle);
        watcher.register();
        watcher.seen();
        watcher.thread.start();
        return watcher;
    }

    /** The files a change of which means a reload: the config and the secrets a reload reads again. */
    static Set<Path> watched(KlaxonConfig config) {
        Set<Path> files = new LinkedHashSet<>();
        if (config.source() != null) {
            files.add(config.source().toAbsolutePath().normalize());
        }
        for (RouteRule rule : config.routes()) {
            addFile(files, rule.signatureSecret());
        }
        addFile(files, config.pagerduty().apiToken());
        return files;
    }

    private static void addFile(Set<Path> files, SecretRef secret) {
        if (secret != null && secret.source() == SecretRef.Source.FILE) {
            files.add(Path.of(secret.reference()).toAbsolutePath().normalize());
        }
    }

    /**
     * Takes the files as they are now as already reloaded: a change made just before (a save followed by a reload
     * by hand) is not reported again.
     */
    public void seen() {
        fingerprint = fingerprint(files);
    }

    private static String fingerprint(Set<Path> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
                try {
                    digest.update(RegularFiles.read(file, YamlComposer.MAX_SIZE, "a watched file"));
                } catch (RegularFiles.RefusedFileException e) {
                    digest.update(("unreadable: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The files watched now. */
    public Set<Path> files() {
        return files;
    }

    private void register() {
        Set<Path> wanted = watched(current.get());
        for (Path file : wanted) {
            Path dir = file.getParent();
            if (dir == null || directories.containsKey(dir)) {
                continue;
            }
            try {
                directories.put(dir, dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
            } catch (IOException | RuntimeException e) {
                LOG.warning("cannot watch " + dir + " for config changes (" + e.getMessage() + "); a change there "
                        + "needs a reload by hand");
            }
        }
        files = Set.copyOf(wanted);
    }

    private void watch() {
        try {
            while (!closed) {
                WatchKey key = service.take();
                boolean relevant = relevant(key);
                if (!relevant) {
                    continue;
                }
                // Let the burst of events of one save settle, then report it once.
                WatchKey next;
                while ((next = service.poll(settle.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    relevant(next);
                }
                if (closed) {
                    return;
                }
                String now = fingerprint(files);
                if (now.equals(fingerprint)) {
                    continue;
                }
                fingerprint = now;
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "reacting to a config change failed", e);
                }
                register();
                seen(); // the new config may name other files: they count as they are now
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    /** Drains the key's events; true when one of them is about a watched file. */
    private boolean relevant(WatchKey key) {
        boolean relevant = false;
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                relevant = true;
            } else if (files.contains(dir.resolve((Path) event.context()))) {
                relevant = true;
            }
        }
        key.reset();
        return relevant;
    }

    @Override
    public void close() {
        closed = true;
        try {
            service.close();
        } catch (IOException e) {
            LOG.fine("closing the config watch: " + e.getMessage());
        }
        thread.interrupt();
    }
}
