package dev.klaxon.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where a secret lives: an environment variable or a file. Config never holds a secret's value; the value is read
 * only at the moment it is needed and never stored in a record, printed or logged. {@link #toString()} is masked.
 */
public record SecretRef(Source source, String reference) {

    public enum Source { ENV, FILE }

    public SecretRef {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reference, "reference");
    }

    public static SecretRef env(String name) {
        return new SecretRef(Source.ENV, name);
    }

    public static SecretRef file(String path) {
        return new SecretRef(Source.FILE, path);
    }

    /**
     * Reads the secret. The exception message names where it looked, never what it found.
     *
     * @param environment lookup of environment variables (System::getenv in production, a map in tests)
     */
    public String resolve(UnaryOperator<String> environment) throws SecretUnavailableException {
        return switch (source) {
            case ENV -> {
                String value = environment.apply(reference);
                if (value == null || value.isBlank()) {
                    throw new SecretUnavailableException("environment variable " + reference + " is not set");
                }
                yield value.strip();
            }
            case FILE -> {
                try {
                    String value = Files.readString(Path.of(reference), StandardCharsets.UTF_8).strip();
                    if (value.isEmpty()) {
                        throw new SecretUnavailableException("secret file " + reference + " is empty");
                    }
                    yield value;
                } catch (IOException e) {
                    throw new SecretUnavailableException("secret file " + reference + " cannot be read ("
                            + e.getClass().getSimpleName() + ")");
                }
            }
        };
    }

    /** The reference as stored where a secret must not be, e.g. in the outbox: {@code env:NAME} or {@code file:PATH}. */
    public String stored() {
        return (source == Source.ENV ? "env:" : "file:") + reference;
    }

    /** Reads back what {@link #stored()} wrote. */
    public static SecretRef fromStored(String stored) {
        if (stored.startsWith("env:") && stored.length() > 4) {
            return env(stored.substring(4));
        }
        if (stored.startsWith("file:") && stored.length() > 5) {
            return file(stored.substring(5));
        }
        throw new IllegalArgumentException("not a stored secret reference (expected env:NAME or file:PATH)");
    }

    /** A stand-in safe to show anywhere: says where the secret comes from, not what it is. */
    public String masked() {
        return "******** (" + (source == Source.ENV ? "env " : "file ") + reference + ")";
    }

    @Override
    public String toString() {
        return masked();
    }

    /** A secret could not be read; the message is safe to show. */
    public static final class SecretUnavailableException extends Exception {
        public SecretUnavailableException(String message) {
            super(message);
        }
    }
}
