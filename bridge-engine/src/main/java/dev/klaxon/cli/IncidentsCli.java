package dev.klaxon.cli;

import dev.klaxon.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code incidents list}: the reading half of {@link IncidentsCommand}; {@link IncidentCli} acts. */
@Command(name = "incidents", description = "PagerDuty incidents (needs pagerduty.api_token_env).")
final class IncidentsCli {
    private final CliContext context;

    IncidentsCli(CliContext context) {
        this.context = context;
    }

    @Command(name = "list", description = "PagerDuty incidents, open ones unless --status says otherwise.")
    int list(@Option(names = "--status", paramLabel = "LIST",
                     description = "comma-separated: triggered, acknowledged, resolved "
                             + "(default triggered,acknowledged)") String status,
             @Mixin FormatOption format,
             @Mixin ConfigOption config) throws UsageException, ConfigException {
        return new IncidentsCommand(context).list(status, format.value, config.file);
    }
}
