package dev.klaxon.config;

import dev.klaxon.secret.SecretRef;
import java.nio.file.Path;

/**
 * TLS files for the NATS connection; any may be null (a CA alone verifies the server, cert+key add client auth).
 * {@code keyPassword} is where the passphrase of an encrypted key file lives, null for a plain key.
 */
public record TlsConfig(Path caFile, Path certFile, Path keyFile, SecretRef keyPassword) {

    /** Without a key passphrase. */
    public TlsConfig(Path caFile, Path certFile, Path keyFile) {
        this(caFile, certFile, keyFile, null);
    }
}
