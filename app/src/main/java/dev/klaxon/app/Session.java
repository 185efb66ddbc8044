package dev.klaxon.app;

import dev.klaxon.config.ConfigError;
import dev.klaxon.config.ConfigException;
import dev.klaxon.config.ConfigFileWatcher;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.ConfigReader;
import dev.klaxon.engine.ReloadResult;
import dev.klaxon.config.DefaultConfig;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.config.KlaxonDirs;
import dev.klaxon.config.StorageConfig;
import dev.klaxon.delivery.RoutingKeyPreflight;
import dev.klaxon.demo.DemoEnvironment;
import dev.klaxon.engine.Engine;
import dev.klaxon.incidents.IncidentDesk;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * What one console run started: the engine, the PagerDuty incident desk and, in demo mode, the demo's nats-server and
 * publisher. Opening may
 * block (files, child processes), so it runs off the FX thread; closing stops everything in reverse order.
 *
 * @param label         what the window title says the config is: "demo" or the file
 * @param writtenConfig the default config file this run created (first run), else null
 * @param reader        reads the config file again as this run did (its --data-dir too); null in demo mode
 * @param watcher       reloads the engine when the config or a secret it re-reads changes; null when there is none
 */
record Session(Engine engine, IncidentDesk incidents, DemoEnvironment demo, KlaxonConfig config, String label,
               Path writtenConfig, ConfigReader reader, ConfigFileWatcher watcher)
        implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Session.class.getName());

    /**
     * @param environment      where XDG directories and routing keys are read from (the process's, in the console)
     * @param onDefaultWritten told when this run created the default config file
     * @throws ConfigException             the config file has errors (or is missing when named with --config), or a
     *                                     live route cannot read a plausible routing key
     * @throws IOException                 the demo cannot start (e.g. nats-server not installed) or the default
     *                                     config cannot be written
     */
    static Session open(LaunchOptions options, Path home, UnaryOperator<String> environment,
                        Consumer<Path> onDefaultWritten)
            throws ConfigException, IOException {
        if (options.demo()) {
            DemoEnvironment demo = DemoEnvironment.start();
            try {
                Engine engine = startEngine(demo.config());
                return new Session(engine, startDesk(engine), demo, demo.config(), "demo", null, null, null);
            } catch (RuntimeException e) {
                demo.close();
                throw e;
            }
        }
        Path file = options.config();
        Path written = null;
        if (file == null) {
            KlaxonDirs dirs = KlaxonDirs.of(home, environment);
            file = dirs.configFile();
            if (DefaultConfig.writeIfMissing(file, dirs, home)) {
                written = file;
                onDefaultWritten.accept(file); // said at once, even if what follows fails
            }
        }
        Path configFile = file;
        ConfigReader reader = () -> withDataDir(new ConfigLoader(home).load(configFile), options.dataDir());
        KlaxonConfig config = reader.read();
        // As "run" does: a live route that cannot read a plausible key is a config error now, not a dead letter at
        // the first real incident.
        List<ConfigError> keyProblems = RoutingKeyPreflight.check(config, environment);
        if (!keyProblems.isEmpty()) {
            throw new ConfigException(config.source(), keyProblems);
        }
        Engine engine = startEngine(config);
        IncidentDesk desk = startDesk(engine);
        // The watcher reloads when the token file changes too: a rotated token is read again without a restart.
        engine.onReload(result -> {
            if (result.applied()) {
                desk.readTokenAgain();
            }
        });
        return new Session(engine, desk, null, config, file.toAbsolutePath().normalize().toString(),
                written, reader, watch(engine, reader));
    }

    /** A console that cannot watch its files still reloads from Settings; it says so in the log only. */
    private static ConfigFileWatcher watch(Engine engine, ConfigReader reader) {
        try {
            return ConfigFileWatcher.start(engine::config, () -> engine.reload(reader),
                    ConfigFileWatcher.DEFAULT_SETTLE);
        } catch (IOException e) {
            LOG.warning("cannot watch the config for changes (" + e.getMessage() + "); apply changes from Settings");
            return null;
        }
    }

    /**
     * Reloads the engine from the config file now (Settings → Save and apply); null in demo mode. The watcher is told
     * the files as they are now, so the save that came just before is not reloaded a second time.
     */
    ReloadResult reload() {
        ReloadResult result = engine.reload(reader);
        if (watcher != null) {
            watcher.seen();
        }
        return result;
    }

    /** {@code --data-dir} overrides {@code storage.dir}: a second profile, or a test, keeps its own files. */
    private static KlaxonConfig withDataDir(KlaxonConfig config, Path dataDir) {
        if (dataDir == null) {
            return config;
        }
        return new KlaxonConfig(config.nats(), config.pagerduty(), new StorageConfig(dataDir.toAbsolutePath(),
                config.storage().auditRetention(), config.storage().auditChainKeyFile()), config.routes(), config.guards(), config.source());
    }

    private static Engine startEngine(KlaxonConfig config) {
        Engine engine = Engine.create(config, Clock.systemUTC());
        try {
            engine.start();
            return engine;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** Polls on its own thread; without an API token in the config it only says how to set one. */
    private static IncidentDesk startDesk(Engine engine) {
        IncidentDesk desk = new IncidentDesk(engine.config().pagerduty(), System::getenv, Clock.systemUTC(),
                engine::recordAction, engine.operator());
        desk.start();
        return desk;
    }

    /** Stops the desk (it audits through the engine), the engine (it reads from the demo's server), then the demo. */
    @Override
    public void close() {
        try {
            if (watcher != null) {
                watcher.close();
            }
            incidents.close();
            engine.close();
        } finally {
            if (demo != null) {
                demo.close();
            }
        }
    }
}
