package dev.klaxon.cli;

import dev.klaxon.config.ConfigException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rules test} and {@code rules replay}: the command line of {@link RulesTestCommand} and
 * {@link RulesReplayCommand}.
 */
@Command(name = "rules", description = "What the rules do with a message, or with the team's history.")
final class RulesCli {
    private final CliContext context;

    RulesCli(CliContext context) {
        this.context = context;
    }

    // The subject is optional to the parser so that the command, not picocli, says what is missing.
    @Command(name = "test", description = "Which rule a message on SUBJECT matches, the action, and the exact "
            + "PagerDuty event body (routing key masked).")
    int test(@Parameters(arity = "0..*", paramLabel = "SUBJECT", hideParamSyntax = true,
                    description = "the NATS subject") List<Word> subject,
             @Option(names = "--payload", paramLabel = "JSON", description = "the message body (default {})")
             String payload,
             @Mixin ConfigOption config) throws UsageException, ConfigException {
        return new RulesTestCommand(context).run(Word.texts(subject), payload, config.file);
    }

    @Command(name = "replay", description = "Team mode: NEW's rules over the stream's history next to the current "
            + "ones: pages added, removed, changed. Never sends.")
    int replay(@Option(names = "--config", paramLabel = "NEW.yaml", description = "the rules to try (needed)")
               String candidate,
               @Option(names = "--current", paramLabel = "FILE",
                       description = "the current config (default ~/.config/klaxon/klaxon.yaml)") String current,
               @Option(names = "--since", paramLabel = "DURATION", description = "how far back (default 24h)")
               String since,
               @Option(names = "--format", paramLabel = "table|jsonl", description = "default table") String format)
            throws UsageException, ConfigException {
        return new RulesReplayCommand(context).run(candidate, current, since, format);
    }
}
