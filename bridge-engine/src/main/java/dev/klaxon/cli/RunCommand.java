package dev.klaxon.cli;

import dev.klaxon.config.ConfigError;
import dev.klaxon.config.ConfigException;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.delivery.RoutingKeyPreflight;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineOptions;
import dev.klaxon.engine.EngineSnapshot;
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
        Arguments arguments = Arguments.parse(args, Set.of("config"));
        if (!arguments.positional().isEmpty()) {
            throw new UsageException("run takes no arguments besides --config");
        }
        KlaxonConfig config = new ConfigSource(context.home()).load(arguments);
        List<ConfigError> keyProblems = RoutingKeyPreflight.check(config, context.environment());
        if (!keyProblems.isEmpty()) {
            throw new ConfigException(config.source(), keyProblems);
        }
        EngineOptions options = EngineOptions.defaults().withEnvironment(context.environment());
        ScheduledExecutorService logger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "klaxon-decision-log");
            thread.setDaemon(true);
            return thread;
        });
        try (Engine engine = Engine.create(config, context.clock(), options)) {
            context.out().println("klaxon-bridge " + Main.version() + ": config " + config.source() + ", "
                    + config.routes().size() + " route(s), subjects " + config.nats().subjects());
            engine.onConnectionChange(status -> context.out().println(status.since() + " nats " 
                    + status.state().name().toLowerCase(java.util.Locale.ROOT)
                    + (status.server() != null ? " " + status.server() : "")
                    + (status.detail() != null && !status.detail().isBlank() ? " (" + status.detail() + ")" : "")));
            engine.start();
            AtomicReference<EngineSnapshot> previous = new AtomicReference<>(engine.summary());
            logger.scheduleAtFixedRate(() -> {
                EngineSnapshot current = engine.summary();
                DecisionLog.lines(previous.getAndSet(current), current).forEach(context.out()::println);
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
}
