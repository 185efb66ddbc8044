package dev.klaxon.secret;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
                String value = readFile(Path.of(reference)).strip();
                if (value.isEmpty()) {
                    throw new SecretUnavailableException("secret file " + reference + " is empty");
                }
                yield value;
            }
        };
    }

    // Through RegularFiles: a FIFO, a device or a huge file here once hung or exhausted run and event send.
    private String readFile(Path file) throws SecretUnavailableException {
        try {
            byte[] bytes = RegularFiles.read(file, RegularFiles.SECRET_LIMIT, "a secret file");
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (RegularFiles.RefusedFileException e) {
            // Missing or unreadable keep the wording operators already know; the rest say what the file is.
            String problem = e.getCause() != null
                    ? "cannot be read (" + e.getCause().getClass().getSimpleName() + ")" : e.getMessage();
            throw new SecretUnavailableException("secret file " + reference + " " + problem);
        } catch (CharacterCodingException e) {
            throw new SecretUnavailableException("secret file " + reference + " is not valid UTF-8 text");
        }
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
