package dev.klaxon.cli;

import dev.klaxon.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code team status}: the command line of {@link TeamCommand}. */
@Command(name = "team", description = "Team mode, seen from outside the team.")
final class TeamCli {
    private final CliContext context;

    TeamCli(CliContext context) {
        this.context = context;
    }

    @Command(name = "status", description = "Who sends, the members, the pager consumer and the stream.")
    int status(@Mixin ConfigOption config) throws UsageException, ConfigException {
        return new TeamCommand(context).status(config.file);
    }
}
