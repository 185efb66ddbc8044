package dev.klaxon.cli;

import dev.klaxon.config.ConfigException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: the command line of {@link RunCommand}. */
@Command(name = "run", description = {"Run the bridge headless until interrupted (Ctrl-C or SIGTERM).",
        "Reloads routes and guards on SIGHUP and when the config file changes; a bad file keeps the running config."})
final class RunCli implements Callable<Integer> {
    private final CliContext context;
    private final CountDownLatch stop;

    @Mixin
    private ConfigOption config;

    @Option(names = "--role", paramLabel = "auto|sender|observer",
            description = "team mode: this member's role, over nats.jetstream.role")
    private String role;

    @Option(names = "--metrics-listen", paramLabel = "HOST:PORT",
            description = "serve /metrics, /healthz and /readyz there, e.g. 127.0.0.1:9464")
    private String metricsListen;

    @Option(names = "--log-format", paramLabel = "text|json",
            description = "json: every line one JSON object, for journald and log shippers (default text)")
    private String logFormat;

    /** @param stop opens when the bridge must stop: Main's shutdown hook, or a test */
    RunCli(CliContext context, CountDownLatch stop) {
        this.context = context;
        this.stop = stop;
    }

    @Override
    public Integer call() throws UsageException, ConfigException {
        return new RunCommand(context).run(config.file, role, metricsListen, logFormat, stop);
    }
}
