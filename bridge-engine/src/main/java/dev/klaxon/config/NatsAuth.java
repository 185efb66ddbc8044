package dev.klaxon.config;

import dev.klaxon.secret.SecretRef;
import java.nio.file.Path;

/** How the bridge authenticates to NATS: at most one of these per config. */
public sealed interface NatsAuth {
    record None() implements NatsAuth { }

    record Token(SecretRef token) implements NatsAuth { }

    record UserPassword(String user, SecretRef password) implements NatsAuth { }

    record CredsFile(Path file) implements NatsAuth { }

    record NKeySeedFile(Path file) implements NatsAuth { }
}
