package dev.klaxon.cli;

import dev.klaxon.config.ConfigFileWatcher;
import dev.klaxon.config.ConfigReader;
import dev.klaxon.engine.Engine;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * What makes {@code run} reload its config: {@code SIGHUP} (as nginx, Prometheus and sshd do) and a change of the
 * config file or of a secret file a reload reads again. Each result is said in one line; the engine audits it.
 */
final class ReloadTriggers implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ReloadTriggers.class.getName());

    private final ConfigFileWatcher watcher;
    private final SignalHandler previousHangup;
    private final AutoCloseable listener;

    private ReloadTriggers(ConfigFileWatcher watcher, SignalHandler previousHangup, AutoCloseable listener) {
        this.watcher = watcher;
        this.previousHangup = previousHangup;
        this.listener = listener;
    }

    static ReloadTriggers install(Engine engine, ConfigReader reader, Consumer<String> say) {
        AutoCloseable listener = engine.onReload(result -> say.accept(result.at() + " " + result.describe()));
        SignalHandler previous = null;
        try {
            previous = Signal.handle(new Signal("HUP"), signal -> engine.reload(reader));
        } catch (IllegalArgumentException e) {
            // No SIGHUP on this platform (Windows): the file watch still reloads.
            LOG.fine("no SIGHUP here: " + e.getMessage());
        }
        ConfigFileWatcher watcher = null;
        try {
            watcher = ConfigFileWatcher.start(engine::config, () -> engine.reload(reader),
                    ConfigFileWatcher.DEFAULT_SETTLE);
        } catch (IOException e) {
            say.accept("cannot watch the config for changes (" + e.getMessage() + "); reload with SIGHUP");
        }
        java.util.List<String> triggers = new java.util.ArrayList<>();
        if (previous == SignalHandler.SIG_IGN) {
            // The JVM leaves a hang-up that was ignored when it started (nohup) ignored, handler or not.
            say.accept("SIGHUP is ignored in this process (started under nohup?), so it cannot reload the config");
        } else if (previous != null) {
            triggers.add("SIGHUP");
        }
        if (watcher != null) {
            triggers.add("a change of " + engine.config().source().getFileName());
        }
        if (!triggers.isEmpty()) {
            say.accept("config reloads on " + String.join(" and ", triggers) + " (routes and guards; nats, "
                    + "pagerduty and storage at the next start)");
        }
        return new ReloadTriggers(watcher, previous, listener);
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        if (previousHangup != null) {
            Signal.handle(new Signal("HUP"), previousHangup);
        }
        try {
            listener.close();
        } catch (Exception e) {
            LOG.fine("closing the reload listener: " + e.getMessage());
        }
    }
}
