package dev.klaxon.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code nats.jetstream:} section: team mode. Its presence turns team mode on; its keys are a contract (see
 * TEAM-MODE.md) and keep their names.
 *
 * @param stream   the stream that records every alert; bound if it exists, created over {@code nats.subjects} if
 *                 missing and {@code create} allows
 * @param consumer the team's shared durable pull consumer, which only the sender pulls from
 * @param create   false: never create streams, consumers or buckets (bind only)
 * @param replicas used only when creating (3 on a cluster)
 * @param maxAge   used only when creating the stream: how long history is kept
 * @param ackWait  how long the server waits for an ack before it redelivers
 * @param role     whether this member may send
 * @param lateJoin how much of the stream's recent history a member shows when it starts, marked as history
 *                 ({@code late_join}; zero: only what arrives from then on)
 */
public record JetStreamConfig(String stream, String consumer, boolean create, int replicas, Duration maxAge,
                              Duration ackWait, Role role, Duration lateJoin) {
    public static final String DEFAULT_STREAM = "KLAXON_ALERTS";
    public static final String DEFAULT_CONSUMER = "klaxon-pager";
    public static final int DEFAULT_REPLICAS = 1;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);
    public static final Duration DEFAULT_ACK_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_LATE_JOIN = Duration.ofMinutes(15);

    /** Who may hold the team's sender lease. */
    public enum Role {
        /** Competes for the lease; a console gives way to a headless bridge. */
        AUTO,
        /** Competes for the lease at once and never gives way on its own. */
        SENDER,
        /** Never sends: shows every alert and who sends. */
        OBSERVER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public JetStreamConfig {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(ackWait, "ackWait");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(lateJoin, "lateJoin");
    }

    /** Team mode with every default: {@code jetstream: {}}. */
    public static JetStreamConfig defaults() {
        return new JetStreamConfig(DEFAULT_STREAM, DEFAULT_CONSUMER, true, DEFAULT_REPLICAS, DEFAULT_MAX_AGE,
                DEFAULT_ACK_WAIT, Role.AUTO, DEFAULT_LATE_JOIN);
    }

    public JetStreamConfig withRole(Role newRole) {
        return new JetStreamConfig(stream, consumer, create, replicas, maxAge, ackWait, newRole, lateJoin);
    }
}
