package dev.klaxon.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;

/** What a command may touch of the outside world; tests pass their own. */
record CliContext(PrintStream out, PrintStream err, UnaryOperator<String> environment, Path home, Clock clock) {
    static CliContext system() {
        return new CliContext(System.out, System.err, System::getenv, Path.of(System.getProperty("user.home")),
                Clock.systemUTC());
    }
}
