package dev.klaxon.cli;

import dev.klaxon.config.ConfigException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code silence add|list|expire|extend|share}: the command line of {@link SilenceCommand}. Positional words are
 * optional to the parser so that the command, not picocli, says what is missing.
 */
@Command(name = "silence", description = "Hold back triggers on matching subjects (works while the console or run "
        + "is up; acknowledges and resolves still go).")
final class SilenceCli {
    private final CliContext context;

    SilenceCli(CliContext context) {
        this.context = context;
    }

    /** The silence ID that expire and extend take. */
    static final class Id {
        @Parameters(arity = "0..*", paramLabel = "ID", hideParamSyntax = true,
                description = "the silence's number, as silence list shows it")
        List<Word> words;
    }

    @Command(name = "add", description = "Add a silence.")
    int add(@Parameters(arity = "0..*", paramLabel = "PATTERN", hideParamSyntax = true,
                    description = "a subject pattern, e.g. \"alerts.prod.db.>\"")
            List<Word> pattern,
            @Option(names = "--for", paramLabel = "DURATION", description = "how long, e.g. 1h (needed)")
            String duration,
            @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the next person on call (needed)")
            String reason,
            @Option(names = "--match", paramLabel = "field=value|field=~regex",
                    description = "only messages whose payload matches too; may be repeated") List<String> matches,
            @Mixin ConfigOption config) throws UsageException, ConfigException {
        return new SilenceCommand(context).add(Word.texts(pattern), duration, reason,
                matches == null ? List.of() : matches, config.file);
    }

    @Command(name = "list", description = "Silences with state, time left and what they matched.")
    int list(@Mixin FormatOption format, @Mixin ConfigOption config) throws UsageException, ConfigException {
        return new SilenceCommand(context).list(format.value, config.file);
    }

    @Command(name = "expire", description = "End a silence now.")
    int expire(@Mixin Id id, @Mixin ConfigOption config) throws UsageException, ConfigException {
        return new SilenceCommand(context).expire(Word.texts(id.words), config.file);
    }

    @Command(name = "extend", description = "Make a silence last longer.")
    int extend(@Mixin Id id,
               @Option(names = "--for", paramLabel = "DURATION", description = "how much longer, e.g. 30m (needed)")
               String duration,
               @Mixin ConfigOption config) throws UsageException, ConfigException {
        return new SilenceCommand(context).extend(Word.texts(id.words), duration, config.file);
    }

    @Command(name = "share", description = "Team mode: move this laptop's silences into the team's.")
    int share(@Mixin ConfigOption config) throws UsageException, ConfigException {
        return new SilenceCommand(context).share(config.file);
    }
}
