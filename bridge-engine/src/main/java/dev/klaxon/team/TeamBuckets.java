package dev.klaxon.team;

import java.time.Duration;

/** The KV buckets a team shares, and the lease's timing. Names are a contract with other members and tools. */
final class TeamBuckets {
    /** The sender lease: one key, gone 15 s after its holder stopped renewing. */
    static final String LEASE = "KLAXON_LEASE";
    static final String LEASE_KEY = "sender";
    static final Duration LEASE_TTL = Duration.ofSeconds(15);
    /** How often the holder renews: three tries before the bucket lets the key expire. */
    static final Duration LEASE_RENEW = Duration.ofSeconds(5);
    /**
     * How long after its last renewal a holder still counts itself as holding: well inside the TTL, so a holder
     * that was stopped or asleep stops sending before anyone else can take the lease.
     */
    static final Duration LEASE_TRUST = Duration.ofSeconds(10);
    /** The fence: the last event sent per dedup_key (its stream sequence and action). */
    static final String SENT = "KLAXON_SENT";
    /** Member heartbeats: gone 30 s after a member's last one. */
    static final String MEMBERS = "KLAXON_MEMBERS";
    static final Duration MEMBERS_TTL = Duration.ofSeconds(30);
    /** The team's silences: one key per silence, changed only by compare and set; never expire by themselves. */
    static final String SILENCES = "KLAXON_SILENCES";
    /** The sender's flood state and held triggers, and releases asked by other members. */
    static final String FLOODS = "KLAXON_FLOODS";

    private TeamBuckets() {
    }
}
