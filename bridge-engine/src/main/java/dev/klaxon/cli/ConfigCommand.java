package dev.klaxon.cli;

import dev.klaxon.config.ConfigException;
import dev.klaxon.config.ConfigWarnings;
import dev.klaxon.config.DefaultConfig;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.config.KlaxonDirs;
import dev.klaxon.route.RouteRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** {@code config init} and {@code config check}. */
final class ConfigCommand {
    private final CliContext context;

    ConfigCommand(CliContext context) {
        this.context = context;
    }

    int init(String configFile) {
        Path path = new ConfigSource(context).path(configFile);
        try {
            KlaxonDirs dirs = KlaxonDirs.of(context.home(), context.environment());
            if (DefaultConfig.writeIfMissing(path, dirs, context.home())) {
                context.out().println("wrote the default config to " + path);
            } else {
                context.out().println("config already exists at " + path + "; left unchanged");
            }
            return Main.OK;
        } catch (IOException | UncheckedIOException e) {
            context.err().println("error: cannot write " + path + ": " + e.getMessage());
            return Main.FAILURE;
        }
    }

    int check(String configFile) throws UsageException, ConfigException {
        KlaxonConfig config = new ConfigSource(context).load(configFile);
        context.out().println("config " + config.source() + " is valid");
        context.out().println("nats servers: " + config.nats().servers());
        context.out().println("subjects:     " + config.nats().subjects());
        for (RouteRule rule : config.routes()) {
            context.out().println("route:        " + rule.label() + " -> " + rule.action().wire()
                    + (rule.shadow() ? " (shadow)" : "") + (rule.continueMatching() ? " (continue)" : ""));
        }
        ConfigWarnings.of(config).forEach(warning -> context.out().println("warning: " + warning));
        return Main.OK;
    }
}
