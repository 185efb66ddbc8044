package dev.klaxon.engine;

/** How a failure is told to a person: the innermost cause's message, which is where our own exceptions say why. */
public final class Failures {
    private Failures() {
    }

    public static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
