package dev.klaxon.outbox;

import dev.klaxon.storage.SchemaMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema. {@code PRAGMA user_version} holds the number of migrations applied; each migration runs in its
 * own transaction together with the version bump, so a crash mid-migration leaves the previous version intact.
 * Append new migrations to the end; never edit a released one.
 *
 * <p>Times are epoch milliseconds (UTC). States are lower-case words so {@code sqlite3 outbox.db} is readable.
 */
final class Migrations {

    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE events (
              id              INTEGER PRIMARY KEY,
              order_key       TEXT,
              subject         TEXT    NOT NULL,
              rule_index      INTEGER NOT NULL,
              routing_key_ref TEXT    NOT NULL,
              endpoint        TEXT    NOT NULL,
              dedup_key       TEXT,
              event_action    TEXT    NOT NULL,
              body_json       TEXT    NOT NULL,
              received_at     INTEGER NOT NULL,
              enqueued_at     INTEGER NOT NULL,
              state           TEXT    NOT NULL,
              head            INTEGER NOT NULL,
              next_attempt_at INTEGER NOT NULL,
              attempts        INTEGER NOT NULL DEFAULT 0,
              last_status     INTEGER,
              last_message    TEXT,
              delivered_at    INTEGER,
              pd_dedup_key    TEXT,
              pd_message      TEXT,
              dead_at         INTEGER,
              requeues        INTEGER NOT NULL DEFAULT 0
            )""",
            """
            CREATE TABLE attempts (
              id          INTEGER PRIMARY KEY,
              event_id    INTEGER NOT NULL,
              at          INTEGER NOT NULL,
              http_status INTEGER,
              outcome     TEXT    NOT NULL,
              message     TEXT
            )""",
            "CREATE INDEX attempts_by_event ON attempts(event_id, id)",
            // head = 1 marks the oldest pending event of its order key: the only one the sender may take. Keeping
            // it as a column (maintained by the single writer) turns due() into one range scan of this small index.
            "CREATE INDEX events_due ON events(next_attempt_at, id) WHERE head = 1",
            // Finding the next head of a key, and whether a key already has a pending event, at enqueue.
            "CREATE INDEX events_pending_by_key ON events(order_key, id) WHERE state = 'pending'",
            // Covering index for pending counts, total and per routing key reference.
            "CREATE INDEX events_pending_by_ref ON events(routing_key_ref) WHERE state = 'pending'",
            "CREATE INDEX events_pending_age ON events(received_at) WHERE state = 'pending'",
            "CREATE INDEX events_dead ON events(dead_at) WHERE state = 'dead'",
            "CREATE INDEX events_delivered ON events(delivered_at) WHERE state = 'delivered'"),
            // 2: the writer keeps each key's pending ids in memory (see WriteStatements); this index took inserts at
            // random places and made every group commit write about one index page per event.
            List.of("DROP INDEX events_pending_by_key"),
            // 3: the rule's label as it was when the event was made (rule_index alone is wrong after a config edit).
            List.of("ALTER TABLE events ADD COLUMN rule TEXT"),
            // 4: team mode: the stream sequence of the message an event came from (null on core NATS), so a send
            // can be fenced and its message acknowledged after PagerDuty's 202.
            List.of("ALTER TABLE events ADD COLUMN stream_seq INTEGER"),
            // 5: team mode: which delivery of that message the event was decided from (JetStream's delivered count),
            // so an event of a delivery the member let go of never settles a newer delivery of the same message.
            List.of("ALTER TABLE events ADD COLUMN stream_delivery INTEGER"),
            // 6: audit_due = 1 from the final outcome (delivered, dead, superseded) until the audit has committed its
            // row: a kill between the two left a page PagerDuty has and the audit never named. The next start audits
            // what is still due. Rows from before this migration count as audited (0).
            List.of("ALTER TABLE events ADD COLUMN audit_due INTEGER NOT NULL DEFAULT 0",
                    "CREATE INDEX events_audit_due ON events(id) WHERE audit_due = 1"));

    private Migrations() {
    }

    static int latestVersion() {
        return MIGRATIONS.size();
    }

    /** Brings the schema up to date; refuses a file written by a newer Klaxon rather than guess at its schema. */
    static void migrate(Connection connection) throws SQLException {
        SchemaMigrations.apply(connection, "outbox", MIGRATIONS, version -> new OutboxException("outbox schema "
                + "version " + version + " is newer than this Klaxon knows (" + latestVersion() + "); refusing to "
                + "open it"));
    }


}
