package dev.klaxon.cli;

import dev.klaxon.config.ConfigException;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How the command line tells a mistake: one {@code error:} line on standard error in the words scripts and tests
 * already know (not picocli's own), a "Did you mean" line for a typo, and exit 2; a config error names key and line
 * and exits 2; anything else a command let through is one line and exit 1 ({@link FailureReport}).
 */
final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
    static final String HINT = "Run with --help for usage.";

    private final PrintStream err;

    CliErrors(CliContext context) {
        this.err = context.err();
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        err.println("error: " + describe(e));
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            err.println("Did you mean: " + suggestion(unmatched) + "?");
        }
        err.println(HINT);
        return Main.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) throws Exception {
        if (e instanceof UsageException) {
            err.println("error: " + e.getMessage());
            err.println(HINT);
            return Main.USAGE;
        }
        if (e instanceof ConfigException) {
            err.println(e.getMessage());
            return Main.USAGE;
        }
        if (e instanceof RuntimeException failure) {
            return FailureReport.print(failure, err);
        }
        throw e;
    }

    private static String describe(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            return unmatched(unmatched.getUnmatched().get(0), e.getCommandLine().getCommandSpec());
        }
        if (e instanceof MissingParameterException missing && optionIn(missing.getMissing()) != null) {
            return "option " + optionIn(missing.getMissing()).longestName() + " needs a value";
        }
        if (e instanceof OverwrittenOptionException twice && twice.getOverwritten() instanceof OptionSpec option) {
            return "option " + option.longestName() + " given twice";
        }
        return e.getMessage();
    }

    /**
     * Options are suggested by their first letters, all of them (there are few); commands by likeness, and picocli's
     * second and third guesses for a command are seldom what was meant, so only the first is told.
     */
    private static String suggestion(UnmatchedArgumentException unmatched) {
        List<String> suggestions = unmatched.getSuggestions();
        return isOption(unmatched.getUnmatched().get(0)) ? String.join(" or ", suggestions) : suggestions.get(0);
    }

    private static boolean isOption(String word) {
        return word.startsWith("-") && word.length() > 1;
    }

    private static String unmatched(String word, CommandSpec spec) {
        if (isOption(word)) {
            return "unknown option " + word.split("=", 2)[0];
        }
        if (!spec.subcommands().isEmpty()) {
            return "unknown " + CommandTree.path(spec) + "command \"" + word + "\"";
        }
        return "unexpected argument \"" + word + "\"";
    }

    private static OptionSpec optionIn(List<ArgSpec> missing) {
        return missing.stream().filter(ArgSpec::isOption).map(OptionSpec.class::cast).findFirst().orElse(null);
    }
}
