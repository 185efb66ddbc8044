package dev.klaxon.cli;

import dev.klaxon.audit.AuditChainKey;
import dev.klaxon.audit.AuditLog;
import dev.klaxon.audit.AuditSettings;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.config.StorageConfig;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A config's audit database, opened as {@code run} opens it: the same file and the same chain key, so the rows a
 * command adds (an incident acknowledged, a silence added) continue the chain instead of breaking it.
 */
final class AuditFile {
    private AuditFile() {
    }

    static Path of(KlaxonConfig config) {
        return config.storage().dir().resolve("audit.db");
    }

    static AuditLog open(KlaxonConfig config, Clock clock) {
        return AuditLog.open(of(config), clock, AuditSettings.defaults()
                .withRetention(config.storage().auditRetention()), key(config.storage()));
    }

    /** {@code storage.audit_chain_key_file}'s key, or none when it is not set. */
    static AuditChainKey key(StorageConfig storage) {
        return AuditChainKey.configured(storage.auditChainKeyFile());
    }
}
