package dev.klaxon.cli;

import dev.klaxon.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code config init} and {@code config check}: the command line of {@link ConfigCommand}. */
@Command(name = "config", description = "Write or check a config.")
final class ConfigCli {
    private final CliContext context;

    ConfigCli(CliContext context) {
        this.context = context;
    }

    @Command(name = "init", description = "Write the commented default config (an existing one is left alone).")
    int init(@Mixin ConfigOption config) {
        return new ConfigCommand(context).init(config.file);
    }

    @Command(name = "check", description = "Validate a config and summarise it.")
    int check(@Mixin ConfigOption config) throws UsageException, ConfigException {
        return new ConfigCommand(context).check(config.file);
    }
}
