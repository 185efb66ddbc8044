package dev.klaxon.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code completion bash|zsh}: a completion script for the whole command tree, generated from it, so it never lists
 * a command or option that is not there. It completes the installed launcher, {@value Main#LAUNCHER}.
 */
@Command(name = "completion", description = "Print a shell completion script: source <(" + Main.LAUNCHER
        + " completion bash) in ~/.bashrc, or the same with zsh in ~/.zshrc.")
final class CompletionCli {
    private final CliContext context;

    @Spec
    private CommandSpec spec;

    CompletionCli(CliContext context) {
        this.context = context;
    }

    @Command(name = "bash", description = "The bash completion script.")
    int bash() {
        context.out().print(script());
        return Main.OK;
    }

    /** The same script: under zsh it loads bashcompinit itself and registers through it. */
    @Command(name = "zsh", description = "The zsh completion script (bash's, through zsh's bashcompinit).")
    int zsh() {
        context.out().print(script());
        return Main.OK;
    }

    private String script() {
        return AutoComplete.bash(Main.LAUNCHER, spec.root().commandLine());
    }
}
