package dev.klaxon.natsserver;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Finds the {@code nats-server} executable: PATH first, then where Debian puts it (not on a non-root PATH). */
public final class NatsServerBinary {

    private static final String NAME = "nats-server";
    private static final List<Path> WELL_KNOWN = List.of(Path.of("/usr/sbin", NAME), Path.of("/usr/bin", NAME));

    private NatsServerBinary() {
    }

    /** Locates the binary using this process's environment. */
    public static Path find() throws NatsServerNotFoundException {
        return find(System::getenv);
    }

    /** Locates the binary using the given environment lookup (for PATH). */
    public static Path find(UnaryOperator<String> environment) throws NatsServerNotFoundException {
        return find(environment, WELL_KNOWN);
    }

    static Path find(UnaryOperator<String> environment, List<Path> fallbacks) throws NatsServerNotFoundException {
        for (Path candidate : candidates(environment.apply("PATH"), fallbacks)) {
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new NatsServerNotFoundException();
    }

    private static List<Path> candidates(String pathVariable, List<Path> fallbacks) {
        List<Path> candidates = new ArrayList<>();
        if (pathVariable != null) {
            for (String entry : pathVariable.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    try {
                        candidates.add(Path.of(entry, NAME));
                    } catch (InvalidPathException ignored) {
                        // a malformed PATH entry cannot hold the binary; keep looking
                    }
                }
            }
        }
        candidates.addAll(fallbacks);
        return candidates;
    }
}
