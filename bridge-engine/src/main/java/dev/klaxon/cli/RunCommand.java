package dev.klaxon.cli;

import dev.klaxon.config.ConfigError;
import dev.klaxon.config.ConfigException;
import dev.klaxon.config.ConfigWarnings;
import dev.klaxon.config.JetStreamConfig;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.delivery.RoutingKeyPreflight;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineOptions;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.team.TeamStatus;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** {@code run}: the headless bridge, until the stop latch opens (Ctrl-C or SIGTERM). */
final class RunCommand {
    private final CliContext context;

    RunCommand(CliContext context) {
        this.context = context;
    }

    int run(List<String> args, CountDownLatch stop) throws UsageException, ConfigException {
        Arguments arguments = Arguments.parse(args, Set.of("config", "role"));
        if (!arguments.positional().isEmpty()) {
            throw new UsageException("run takes no arguments besides --config and --role");
        }
        KlaxonConfig config = withRole(new ConfigSource(context.home()).load(arguments), arguments.option("role"));
        List<ConfigError> keyProblems = RoutingKeyPreflight.check(config, context.environment());
        if (!keyProblems.isEmpty()) {
            throw new ConfigException(config.source(), keyProblems);
        }
        EngineOptions options = EngineOptions.defaults().withEnvironment(context.environment()).asHeadless();
        ScheduledExecutorService logger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "klaxon-decision-log");
            thread.setDaemon(true);
            return thread;
        });
        try (Engine engine = Engine.create(config, context.clock(), options)) {
            context.out().println("klaxon-bridge " + Main.version() + ": config " + config.source() + ", "
                    + config.routes().size() + " route(s), subjects " + config.nats().subjects());
            // Said once at start, as ssh does for a key file others can read; run goes on either way.
            ConfigWarnings.of(config).forEach(warning -> context.out().println(context.clock().instant()
                    + " warning: " + warning));
            engine.onConnectionChange(status -> context.out().println(status.since() + " nats " 
                    + status.state().name().toLowerCase(java.util.Locale.ROOT)
                    + (status.server() != null ? " " + status.server() : "")
                    + (status.detail() != null && !status.detail().isBlank() ? " (" + status.detail() + ")" : "")));
            engine.start();
            AtomicReference<EngineSnapshot> previous = new AtomicReference<>(engine.summary());
            AtomicReference<String> team = new AtomicReference<>("");
            logger.scheduleAtFixedRate(() -> {
                EngineSnapshot current = engine.summary();
                DecisionLog.lines(previous.getAndSet(current), current).forEach(context.out()::println);
                String teamLine = teamLine(current.team());
                if (!teamLine.equals(team.getAndSet(teamLine))) {
                    context.out().println(current.at() + " " + teamLine);
                }
            }, 1, 1, TimeUnit.SECONDS);
            stop.await();
            logger.shutdownNow();
            engine.close();
            EngineSnapshot last = engine.summary();
            DecisionLog.lines(previous.get(), last).forEach(context.out()::println);
            context.out().println("stopped; totals " + last.totals());
            return Main.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILURE;
        } catch (RuntimeException e) {
            return FailureReport.print(e, context.err());
        } finally {
            logger.shutdownNow();
        }
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
