package dev.klaxon.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code storage:} section: where the outbox and audit databases live, how long audit rows are kept, and the key
 * that makes the audit's hash chain one only its holder can recompute.
 *
 * @param auditChainKeyFile {@code storage.audit_chain_key_file}: a secret file keying the chain with HMAC-SHA-256;
 *                          null for plain SHA-256 (tamper-evident, but recomputable by whoever can write the file)
 */
public record StorageConfig(Path dir, Duration auditRetention, Path auditChainKeyFile) {
    public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(90);

    public StorageConfig(Path dir, Duration auditRetention) {
        this(dir, auditRetention, null);
    }
}
