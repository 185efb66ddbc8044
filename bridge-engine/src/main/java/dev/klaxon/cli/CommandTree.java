package dev.klaxon.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Every command of {@value Main#LAUNCHER} in one tree, built afresh for each {@link Main#execute} (the commands hold
 * the context and the stop latch, nothing static). The top-level help stays the hand-written overview
 * ({@link Main#USAGE_TEXT}); every command below it answers {@code --help} with picocli's generated usage.
 */
final class CommandTree {
    private static final String OVERVIEW = "overview";

    private CommandTree() {
    }

    @Command(name = Main.LAUNCHER, mixinStandardHelpOptions = true, versionProvider = Version.class)
    private static final class Root {
    }

    private static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Main.LAUNCHER + " " + Main.version()};
        }
    }

    static CommandLine build(CliContext context, CountDownLatch stop) {
        CommandLine root = new CommandLine(new Root())
                .addSubcommand(new RunCli(context, stop))
                .addSubcommand(new TeamCli(context))
                .addSubcommand(new RulesCli(context))
                .addSubcommand(new ConfigCli(context))
                .addSubcommand(new IncidentsCli(context))
                .addSubcommand(new IncidentCli(context))
                .addSubcommand(new EventCli(context))
                .addSubcommand(new EscalateCli(context))
                .addSubcommand(new AuditCli(context, stop))
                .addSubcommand(new SilenceCli(context))
                .addSubcommand(new OutboxCli(context))
                .addSubcommand(new CompletionCli(context));
        addHelpOption(root);
        UsageMessageSpec overview = root.getCommandSpec().usageMessage();
        overview.sectionKeys(List.of(OVERVIEW));
        overview.sectionMap(Map.of(OVERVIEW, help -> Main.USAGE_TEXT));
        CliErrors errors = new CliErrors(context);
        // These settings reach every command already in the tree, hence last.
        return root.setExpandAtFiles(false) // "@x" is a subject or payload here, never a file of arguments
                .registerConverter(Word.class, Word::new)
                .setOut(writer(context.out()))
                .setErr(writer(context.err()))
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors)
                .setExecutionStrategy(CommandTree::execute);
    }

    /** {@code --help} on every command below the root, which has its own (with {@code --version}). */
    private static void addHelpOption(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            sub.getCommandSpec().addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("show this command's options").build());
            addHelpOption(sub);
        }
    }

    /** A group named without one of its commands ({@code silence}) is a usage error that lists them. */
    private static int execute(ParseResult parsed) {
        Integer help = CommandLine.executeHelpRequest(parsed); // --help or --version anywhere on the line
        if (help != null) {
            return help;
        }
        ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        CommandSpec spec = last.commandSpec();
        if (!spec.subcommands().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "expected \"" + path(spec)
                    + String.join("|", spec.subcommands().keySet()) + "\"");
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** The words that name {@code spec} after the launcher, each followed by a space: "" for the root. */
    static String path(CommandSpec spec) {
        return spec.parent() == null ? "" : path(spec.parent()) + spec.name() + " ";
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
