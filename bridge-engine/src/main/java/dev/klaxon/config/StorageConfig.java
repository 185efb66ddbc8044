package dev.klaxon.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code storage:} section: where the outbox and audit databases live, and how long audit rows are kept.
 */
public record StorageConfig(Path dir, Duration auditRetention) {
    public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(90);
}
