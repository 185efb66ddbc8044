package dev.klaxon.cli;

/** The command line was wrong; the message says how, and the process exits with 2. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
