package dev.klaxon.cli;

import dev.klaxon.config.ConfigError;
import dev.klaxon.config.ConfigException;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.ConfigReader;
import dev.klaxon.config.ConfigWarnings;
import dev.klaxon.config.JetStreamConfig;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.delivery.RoutingKeyPreflight;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineOptions;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.metrics.EngineMetrics;
import dev.klaxon.metrics.MetricsServer;
import dev.klaxon.metrics.Readiness;
import dev.klaxon.nats.ConnectionState;
import dev.klaxon.nats.ConnectionStatus;
import dev.klaxon.team.TeamStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;

/** {@code run}: the headless bridge, until the stop latch opens (Ctrl-C or SIGTERM). */
final class RunCommand {
    private final CliContext context;

    RunCommand(CliContext context) {
        this.context = context;
    }

    /** Each option is its text as given, or null when absent. */
    int run(String configFile, String role, String metricsListen, String logFormat, CountDownLatch stop)
            throws UsageException, ConfigException {
        boolean json = jsonLogs(logFormat);
        InetSocketAddress metricsAddress = metricsAddress(metricsListen);
        KlaxonConfig config = withRole(new ConfigSource(context).load(configFile), role);
        List<ConfigError> keyProblems = RoutingKeyPreflight.check(config, context.environment());
        if (!keyProblems.isEmpty()) {
            throw new ConfigException(config.source(), keyProblems);
        }
        EngineOptions options = EngineOptions.defaults().withEnvironment(context.environment()).asHeadless();
        if (json) {
            JsonLogFormatter.install();
        }
        Consumer<String> say = json ? line -> context.out().println(JsonLogFormatter.line(context.clock().instant(),
                Level.INFO, "klaxon.run", line, null)) : context.out()::println;
        ScheduledExecutorService logger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "klaxon-decision-log");
            thread.setDaemon(true);
            return thread;
        });
        MetricsServer metrics = null;
        ReloadTriggers reloads = null;
        try (Engine engine = Engine.create(config, context.clock(), options)) {
            say.accept("klaxon-bridge " + Main.version() + ": config " + config.source() + ", "
                    + config.routes().size() + " route(s), subjects " + config.nats().subjects());
            // Said once at start, as ssh does for a key file others can read; run goes on either way.
            ConfigWarnings.of(config).forEach(warning -> say.accept(context.clock().instant()
                    + " warning: " + warning));
            AtomicReference<ConnectionStatus> lastStatus = new AtomicReference<>();
            engine.onConnectionChange(status -> say.accept(connectionLine(lastStatus.getAndSet(status), status)));
            engine.start();
            reloads = ReloadTriggers.install(engine, reader(configFile, role), say);
            metrics = startMetrics(metricsAddress, engine, say);
            AtomicReference<EngineSnapshot> previous = new AtomicReference<>(engine.summary());
            AtomicReference<String> team = new AtomicReference<>("");
            logger.scheduleAtFixedRate(() -> {
                EngineSnapshot current = engine.summary();
                DecisionLog.lines(previous.getAndSet(current), current).forEach(say);
                String teamLine = teamLine(current.team());
                if (!teamLine.equals(team.getAndSet(teamLine))) {
                    say.accept(current.at() + " " + teamLine);
                }
            }, 1, 1, TimeUnit.SECONDS);
            stop.await();
            reloads.close();
            reloads = null;
            logger.shutdownNow();
            if (metrics != null) {
                metrics.close(); // before the engine: a scrape while it stops would read a closing engine
                metrics = null;
            }
            engine.close();
            EngineSnapshot last = engine.summary();
            DecisionLog.lines(previous.get(), last).forEach(say);
            say.accept("stopped; totals " + last.totals());
            return Main.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILURE;
        } catch (RuntimeException e) {
            return FailureReport.print(e, context.err());
        } catch (IOException e) {
            context.err().println("run: cannot serve metrics on " + metricsAddress + ": " + e.getMessage());
            return Main.FAILURE;
        } finally {
            if (reloads != null) {
                reloads.close();
            }
            logger.shutdownNow();
            if (metrics != null) {
                metrics.close();
            }
        }
    }

    /** Reads the config as run did at start, with {@code --role} applied again while team mode stays on. */
    private ConfigReader reader(String configFile, String role) {
        Path path = new ConfigSource(context).path(configFile);
        return () -> {
            KlaxonConfig read = new ConfigLoader(context.home()).load(path);
            try {
                return read.nats().teamMode() ? withRole(read, role) : read;
            } catch (UsageException e) {
                throw new IllegalStateException(e); // the role was checked at start
            }
        };
    }

    private MetricsServer startMetrics(InetSocketAddress address, Engine engine, Consumer<String> say)
            throws IOException {
        if (address == null) {
            return null;
        }
        MetricsServer server = MetricsServer.start(address, EngineMetrics.registry(engine, context.clock()),
                () -> Readiness.of(engine.summary()));
        InetSocketAddress bound = server.address();
        say.accept("metrics on http://" + bound.getHostString() + ":" + bound.getPort()
                + "/metrics (and /healthz, /readyz)");
        return server;
    }

    private static boolean jsonLogs(String format) throws UsageException {
        if (format == null || format.equals("text")) {
            return false;
        }
        if (format.equals("json")) {
            return true;
        }
        throw new UsageException("--log-format takes text or json, got \"" + format + "\"");
    }

    /** {@code HOST:PORT}, e.g. {@code 127.0.0.1:9464}; null when not asked for. */
    static InetSocketAddress metricsAddress(String text) throws UsageException {
        if (text == null) {
            return null;
        }
        int colon = text.lastIndexOf(':');
        String host = colon <= 0 ? "" : text.substring(0, colon).replaceAll("^\\[|\\]$", "");
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (!host.isBlank() && port >= 0 && port <= 65_535) {
                return new InetSocketAddress(host, port);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--metrics-listen takes HOST:PORT, e.g. 127.0.0.1:9464, got \"" + text + "\"");
    }

    /**
     * One line per change of the NATS connection. A lost connection says which disconnection it is, and the line
     * that reports it back says how long it was gone and the total, so a gap in what reached the bridge is in the
     * log where it happened.
     */
    static String connectionLine(ConnectionStatus previous, ConnectionStatus status) {
        String line = status.since() + " nats " + status.state().name().toLowerCase(java.util.Locale.ROOT)
                + (status.server() != null ? " " + status.server() : "")
                + (status.detail() != null && !status.detail().isBlank() ? " (" + status.detail() + ")" : "");
        long before = previous == null ? 0 : previous.disconnections();
        if (status.disconnections() > before) {
            Instant last = status.lastMessageBeforeGap();
            return line + "; disconnection " + status.disconnections() + (last == null ? ""
                    : ", the last message arrived " + seconds(Duration.between(last, status.since())) + " before");
        }
        Duration gap = previous == null ? Duration.ZERO
                : status.timeDisconnected().minus(previous.timeDisconnected());
        if (status.state() == ConnectionState.CONNECTED && !gap.isNegative() && !gap.isZero()) {
            return line + "; back after " + seconds(gap) + " without a connection (" + status.disconnections()
                    + " disconnection(s), " + seconds(status.timeDisconnected()) + " in all)";
        }
        return line;
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** One line per change of what team mode means for paging here; the lease age alone is not a change. */
    private static String teamLine(TeamStatus team) {
        String line = "team " + team.mode().label();
        if (team.sender() != null && !team.sending()) {
            line += " (sender " + team.sender() + ")";
        }
        return team.banner() == null ? line : line + ": " + team.banner();
    }

    private static KlaxonConfig withRole(KlaxonConfig config, String role) throws UsageException {
        if (role == null) {
            return config;
        }
        if (!config.nats().teamMode()) {
            throw new UsageException("--role needs team mode: add nats.jetstream to " + config.source());
        }
        JetStreamConfig.Role parsed;
        try {
            parsed = JetStreamConfig.Role.valueOf(role.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--role: expected auto, sender or observer, got \"" + role + "\"");
        }
        return new KlaxonConfig(config.nats().withJetStream(config.nats().jetstream().withRole(parsed)),
                config.pagerduty(), config.storage(), config.routes(), config.guards(), config.source());
    }
}
