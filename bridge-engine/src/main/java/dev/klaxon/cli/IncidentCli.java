package dev.klaxon.cli;

import dev.klaxon.config.ConfigException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code incident ack|resolve|escalate|snooze|note ID...}: the acting half of {@link IncidentsCommand}. Each action
 * declares only the options it takes, so its {@code --help} is exact and the parser refuses the others.
 */
@Command(name = "incident", description = "Act on PagerDuty incidents (needs pagerduty.api_token_env and "
        + "pagerduty.from_email); every action is audited.")
final class IncidentCli {
    private final CliContext context;

    IncidentCli(CliContext context) {
        this.context = context;
    }

    /** The incident IDs every action takes; optional to the parser so that the command says what is missing. */
    static final class Ids {
        @Parameters(arity = "0..*", paramLabel = "ID...", hideParamSyntax = true,
                description = "incident IDs, e.g. PT4KHLK")
        List<Word> words;
    }

    @Command(name = "ack", description = "Acknowledge incidents (several go in bulk).")
    int ack(@Mixin Ids ids, @Mixin ConfigOption config) throws UsageException, ConfigException {
        return act("ack", ids, new IncidentsCommand.ActionOptions(null, null, null), config);
    }

    @Command(name = "resolve", description = "Resolve incidents (several go in bulk).")
    int resolve(@Mixin Ids ids,
                @Option(names = "--note", paramLabel = "TEXT", description = "a resolution note") String note,
                @Mixin ConfigOption config) throws UsageException, ConfigException {
        return act("resolve", ids, new IncidentsCommand.ActionOptions(note, null, null), config);
    }

    @Command(name = "escalate", description = "Escalate incidents to the next level of their policy, or to --level.")
    int escalate(@Mixin Ids ids,
                 @Option(names = "--level", paramLabel = "N", description = "the escalation level, 1 or more")
                 String level,
                 @Mixin ConfigOption config) throws UsageException, ConfigException {
        return act("escalate", ids, new IncidentsCommand.ActionOptions(null, level, null), config);
    }

    @Command(name = "snooze", description = "Snooze acknowledged incidents.")
    int snooze(@Mixin Ids ids,
               @Option(names = "--for", paramLabel = "DURATION", description = "1s to 7d, e.g. 1h (needed)")
               String duration,
               @Mixin ConfigOption config) throws UsageException, ConfigException {
        return act("snooze", ids, new IncidentsCommand.ActionOptions(null, null, duration), config);
    }

    @Command(name = "note", description = "Add a note to incidents.")
    int note(@Mixin Ids ids,
             @Option(names = "--note", paramLabel = "TEXT", description = "the note (needed)") String note,
             @Mixin ConfigOption config) throws UsageException, ConfigException {
        return act("note", ids, new IncidentsCommand.ActionOptions(note, null, null), config);
    }

    private int act(String action, Ids ids, IncidentsCommand.ActionOptions options, ConfigOption config)
            throws UsageException, ConfigException {
        return new IncidentsCommand(context).act(action, Word.texts(ids.words), options, config.file);
    }
}
