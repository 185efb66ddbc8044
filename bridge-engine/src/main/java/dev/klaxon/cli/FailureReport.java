package dev.klaxon.cli;

import dev.klaxon.engine.Failures;
import dev.klaxon.storage.StorageException;
import java.io.PrintStream;

/**
 * A failure that escaped a command, told the way the command line tells everything: one line on standard error and
 * an exit code, never a stack trace (an operator at 3 a.m. needs the file and the reason, not the call chain).
 */
final class FailureReport {
    private FailureReport() {
    }

    /** Prints {@code failure} as one line and returns the exit code: 2 when the config is to blame, else 1. */
    static int print(RuntimeException failure, PrintStream err) {
        StorageException storage = storageCause(failure);
        if (storage != null) {
            err.println("error: " + storage.getMessage());
            // storage.dir naming a file is a mistake in the config; everything else is the machine's state.
            return storage.problem() == StorageException.Problem.NOT_A_DIRECTORY ? Main.USAGE : Main.FAILURE;
        }
        err.println("error: " + Failures.describe(failure));
        return Main.FAILURE;
    }

    private static StorageException storageCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StorageException storage) {
                return storage;
            }
        }
        return null;
    }
}
