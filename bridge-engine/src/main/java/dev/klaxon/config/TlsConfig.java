package dev.klaxon.config;

import java.nio.file.Path;

/** TLS files for the NATS connection; any may be null (a CA alone verifies the server, cert+key add client auth). */
public record TlsConfig(Path caFile, Path certFile, Path keyFile) { }
