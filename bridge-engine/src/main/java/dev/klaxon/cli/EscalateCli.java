package dev.klaxon.cli;

import dev.klaxon.config.ConfigException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code escalate SUBJECT}: the command line of {@link EscalateCommand}. */
@Command(name = "escalate", description = "Force one message to PagerDuty past rules and guards (audited).")
final class EscalateCli implements Callable<Integer> {
    private final CliContext context;

    // Optional to the parser so that the command, not picocli, says what is missing.
    @Parameters(arity = "0..*", paramLabel = "SUBJECT", hideParamSyntax = true,
            description = "the subject the message is shown under")
    private List<Word> subject;

    @Option(names = "--payload", paramLabel = "JSON", description = "the message, JSON or plain text (needed)")
    private String payload;

    @Mixin
    private RoutingKeyOptions key;

    @Option(names = "--severity", paramLabel = "S", description = "critical (default), error, warning or info")
    private String severity;

    @Mixin
    private ConfigOption config;

    EscalateCli(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws UsageException, ConfigException {
        return new EscalateCommand(context).run(Word.texts(subject), payload, key, severity, config.file);
    }
}
