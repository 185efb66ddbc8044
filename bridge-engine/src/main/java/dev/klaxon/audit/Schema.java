package dev.klaxon.audit;

import dev.klaxon.storage.SchemaMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Versioned schema. {@code PRAGMA user_version} holds the number of migrations applied; each migration runs in one
 * transaction together with the version bump, so a crash mid-migration leaves the previous version intact.
 * Append new migrations at the end; never edit one that has shipped.
 *
 * <p>Times are epoch milliseconds (INTEGER) so range filters and retention deletes use plain index ranges.
 */
final class Schema {
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of(
                    """
                    CREATE TABLE forwarded (
                      id INTEGER PRIMARY KEY,
                      recorded_at INTEGER NOT NULL,
                      received_at INTEGER NOT NULL,
                      subject TEXT NOT NULL,
                      rule TEXT,
                      dedup_key TEXT,
                      event_action TEXT,
                      state TEXT NOT NULL,
                      delivered_at INTEGER,
                      pd_dedup_key TEXT,
                      pd_message TEXT,
                      attempts TEXT NOT NULL,
                      body TEXT)""",
                    "CREATE INDEX forwarded_received ON forwarded(received_at)",
                    "CREATE INDEX forwarded_recorded ON forwarded(recorded_at)",
                    """
                    CREATE TABLE actions (
                      id INTEGER PRIMARY KEY,
                      recorded_at INTEGER NOT NULL,
                      at INTEGER NOT NULL,
                      actor TEXT NOT NULL,
                      action TEXT NOT NULL,
                      target TEXT,
                      result TEXT NOT NULL,
                      message TEXT)""",
                    "CREATE INDEX actions_at ON actions(at)",
                    "CREATE INDEX actions_recorded ON actions(recorded_at)",
                    """
                    CREATE TABLE config_loads (
                      id INTEGER PRIMARY KEY,
                      recorded_at INTEGER NOT NULL,
                      at INTEGER NOT NULL,
                      path TEXT NOT NULL,
                      sha256 TEXT,
                      result TEXT NOT NULL,
                      summary TEXT)""",
                    "CREATE INDEX config_loads_at ON config_loads(at)",
                    "CREATE INDEX config_loads_recorded ON config_loads(recorded_at)",
                    """
                    CREATE TABLE subject_minutes (
                      minute INTEGER NOT NULL,
                      subject TEXT NOT NULL,
                      outcome TEXT NOT NULL,
                      count INTEGER NOT NULL,
                      UNIQUE (minute, subject, outcome))""",
                    """
                    CREATE TABLE samples (
                      id INTEGER PRIMARY KEY,
                      minute INTEGER NOT NULL,
                      at INTEGER NOT NULL,
                      subject TEXT NOT NULL,
                      outcome TEXT NOT NULL,
                      reason TEXT,
                      body TEXT)""",
                    "CREATE INDEX samples_key ON samples(minute, subject, outcome)"),
            // The tamper-evident chain: one table across all kinds, see AuditChain. No index beyond seq, so an
            // append costs one b-tree insert.
            List.of(
                    """
                    CREATE TABLE chain (
                      seq INTEGER PRIMARY KEY,
                      table_name TEXT NOT NULL,
                      row_id INTEGER,
                      at INTEGER,
                      row_hash TEXT,
                      note TEXT,
                      prev_hash TEXT NOT NULL,
                      hash TEXT NOT NULL)"""));

    /** Tables and the time column retention prunes on. */
    static final List<TimeColumn> PRUNABLE = List.of(
            new TimeColumn("forwarded", "received_at"),
            new TimeColumn("actions", "at"),
            new TimeColumn("config_loads", "at"),
            new TimeColumn("subject_minutes", "minute"),
            new TimeColumn("samples", "minute"));

    record TimeColumn(String table, String column) {
    }

    private Schema() {
    }

    static int latestVersion() {
        return MIGRATIONS.size();
    }

    /** Brings the database to the latest version; a no-op on an up-to-date file. */
    static void migrate(Connection connection) throws SQLException {
        // Not a storage failure (the file is fine, just newer): its own exception, so it is not blamed on the disk.
        SchemaMigrations.apply(connection, "audit", MIGRATIONS, version -> new AuditException("audit database is "
                + "version " + version + ", newer than this Klaxon (" + MIGRATIONS.size() + "); refusing to write "
                + "to it", null));
    }


}
