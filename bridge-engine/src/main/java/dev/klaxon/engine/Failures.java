package dev.klaxon.engine;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How a failure is told to a person: one line, with the innermost cause's reason, never a stack trace. */
public final class Failures {
    private Failures() {
    }

    /** The innermost cause's message, which is where our own exceptions say why. */
    public static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /**
     * The failure's own message, followed by the innermost cause's in parentheses when it adds something: a wrapper
     * says what was being done ("cannot open the silences file ..."), the root says why ("file is not a database"),
     * and an operator needs both. Future wrappers are skipped; they only repeat their cause.
     */
    public static String describe(Throwable failure) {
        Throwable top = failure;
        while ((top instanceof CompletionException || top instanceof ExecutionException) && top.getCause() != null) {
            top = top.getCause();
        }
        String message = top.getMessage() == null ? top.getClass().getSimpleName() : top.getMessage();
        if (top.getCause() == null) {
            return oneLine(message);
        }
        String root = rootMessage(top);
        return oneLine(message.contains(root) ? message : message + " (" + root + ")");
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}
