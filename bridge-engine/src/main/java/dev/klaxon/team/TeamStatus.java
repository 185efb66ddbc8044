package dev.klaxon.team;

import dev.klaxon.config.JetStreamConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What this member knows about its team, taken at one moment: the mode, who sends, the members, the pager
 * consumer and the stream. What the console's team indicator, banners and Team view and {@code team status} show.
 *
 * @param mode        how this member pages (see {@link Mode})
 * @param banner      one line that says what the mode means for paging; null when nothing needs saying
 * @param role        the configured role; null in core mode
 * @param member      this member's id ({@code user@host/pid})
 * @param sending     whether this member holds the sender lease now
 * @param sender      the member that holds the lease; null when nobody does (or it is not known)
 * @param senderSince when that member took the lease; null when unknown
 * @param leaseAge    time since the lease was last renewed; null when nobody holds it
 * @param members     every member heard in the last 30 s, this one included
 * @param consumer    the pager consumer's figures; null when unknown
 * @param stream      the stream's figures; null when unknown
 */
public record TeamStatus(Instant at, Mode mode, String banner, JetStreamConfig.Role role, String member,
                         boolean sending, String sender, Instant senderSince, Duration leaseAge,
                         List<TeamMember> members, ConsumerFacts consumer, StreamFacts stream) {

    /** How a member pages. */
    public enum Mode {
        /** No {@code nats.jetstream}: core NATS, each console pages on its own. */
        CORE("core"),
        /** Team mode, setting up: binding the stream and consumer. */
        STARTING("starting"),
        /** Team mode: this member holds the lease and pages for the team. */
        SENDER("sender"),
        /** Team mode: another member pages; this one shows every alert. */
        OBSERVER("observer"),
        /** The stream is missing and may not be created, or does not match: this member shows alerts, pages none. */
        VIEW_ONLY("view-only"),
        /** JetStream does not answer: nothing is paged by this member until it does. */
        UNREACHABLE("unreachable"),
        /** The server has no JetStream: core NATS, each console pages on its own. */
        NO_JETSTREAM("core (no JetStream)");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public TeamStatus {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** Core mode, as today: no team. */
    public static TeamStatus core(Instant at) {
        return new TeamStatus(at, Mode.CORE, "core mode: each console pages on its own", null, null, false, null,
                null, null, List.of(), null, null);
    }

    public boolean teamMode() {
        return mode != Mode.CORE && mode != Mode.NO_JETSTREAM;
    }

    /** One member as its last heartbeat told. */
    public record TeamMember(String id, String user, String host, String role, boolean headless, boolean sender,
                             String pagerDuty, long outboxDepth, Instant lastHeartbeat) {
    }

    /**
     * The pager consumer's figures.
     *
     * @param oldestUnacked age of the oldest message delivered and not yet acknowledged; null when none
     */
    public record ConsumerFacts(String name, long pending, long ackPending, long redelivered, Duration oldestUnacked) {
    }

    /** The stream's figures: where it lives and how much it holds. */
    public record StreamFacts(String name, String leader, List<String> replicas, long messages, long lastSequence) {
        public StreamFacts {
            replicas = replicas == null ? List.of() : List.copyOf(replicas);
        }
    }
}
