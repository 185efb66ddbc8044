package dev.klaxon.cli;

import dev.klaxon.config.ConfigException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code outbox status|dead-letters|resend}: the command line of {@link OutboxCommand}. */
@Command(name = "outbox", description = "The events waiting for PagerDuty, and those it refused.")
final class OutboxCli {
    private final CliContext context;

    OutboxCli(CliContext context) {
        this.context = context;
    }

    @Command(name = "status", description = "Pending events per routing key, dead letters, delivery rate.")
    int status(@Mixin ConfigOption config) throws UsageException, ConfigException {
        return new OutboxCommand(context).status(config.file);
    }

    @Command(name = "dead-letters", description = "Events PagerDuty refused for good, with its reason.")
    int deadLetters(@Mixin FormatOption format, @Mixin ConfigOption config) throws UsageException, ConfigException {
        return new OutboxCommand(context).deadLetters(format.value, config.file);
    }

    // The IDs are optional to the parser so that the command, not picocli, says what is missing.
    @Command(name = "resend", description = "Send dead letters again (only while no engine runs; with the console "
            + "up, re-send from its dead letters view).")
    int resend(@Parameters(arity = "0..*", paramLabel = "ID...", hideParamSyntax = true,
                       description = "outbox event IDs, as dead-letters shows them")
               List<Word> ids,
               @Mixin ConfigOption config) throws UsageException, ConfigException {
        return new OutboxCommand(context).resend(Word.texts(ids), config.file);
    }
}
