package dev.klaxon.config;

import java.nio.file.Path;

/** The {@code storage:} section: where the outbox and audit databases live. */
public record StorageConfig(Path dir) { }
