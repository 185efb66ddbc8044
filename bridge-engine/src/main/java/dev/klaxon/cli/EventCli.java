package dev.klaxon.cli;

import dev.klaxon.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code event send}: the command line of {@link EventSendCommand}. */
@Command(name = "event", description = "Events sent by hand.")
final class EventCli {
    private final CliContext context;

    EventCli(CliContext context) {
        this.context = context;
    }

    @Command(name = "send", description = "Send one event to PagerDuty now and show its answer.")
    int send(@Mixin RoutingKeyOptions key,
             @Option(names = "--summary", paramLabel = "TEXT", description = "needed to trigger") String summary,
             @Option(names = "--severity", paramLabel = "S",
                     description = "critical, error (default), warning or info") String severity,
             @Option(names = "--source", paramLabel = "S", description = "default this host's name") String source,
             @Option(names = "--dedup-key", paramLabel = "K", description = "needed to acknowledge or resolve")
             String dedupKey,
             @Option(names = "--action", paramLabel = "trigger|acknowledge|resolve", description = "default trigger")
             String action,
             @Mixin ConfigOption config) throws UsageException, ConfigException {
        return new EventSendCommand(context).run(key,
                new EventSendCommand.Fields(summary, severity, source, dedupKey, action), config.file);
    }
}
