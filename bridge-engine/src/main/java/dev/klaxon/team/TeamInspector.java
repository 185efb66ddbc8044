package dev.klaxon.team;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.config.JetStreamConfig;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/**
 * Reads a team's state from outside it, for {@code team status}: who holds the lease, the members, the consumer
 * and the stream. Joins nothing: no heartbeat, no lease, no consumer of its own.
 */
public final class TeamInspector {
    private static final int STREAM_NOT_FOUND = 10059;

    private TeamInspector() {
    }

    /** @throws IOException when JetStream does not answer, or the stream does not exist (the message says which) */
    public static TeamStatus inspect(Connection connection, JetStreamConfig config, Clock clock)
            throws IOException, InterruptedException {
        ObjectMapper mapper = new ObjectMapper();
        Instant now = clock.instant();
        JetStreamManagement management = connection.jetStreamManagement();
        try {
            TeamStatus.StreamFacts stream = TeamFacts.stream(management, config);
            TeamStatus.ConsumerFacts consumer = TeamFacts.consumer(management, config, now);
            SenderLease.Holder holder = new SenderLease(connection.keyValue(TeamBuckets.LEASE), mapper, clock,
                    System::nanoTime, "team status", true).holder();
            var members = TeamFacts.members(connection.keyValue(TeamBuckets.MEMBERS), mapper, now);
            String banner = holder == null ? "no member holds the sender lease: nothing is paged until one does"
                    : null;
            return new TeamStatus(now, TeamStatus.Mode.OBSERVER, banner,
                    config.role(), "team status", false, holder == null ? null : holder.member(),
                    holder == null ? null : holder.since(), holder == null ? null : holder.age(), members, consumer,
                    stream);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                throw new IOException("stream " + config.stream() + " (or one of the team's KV buckets) does not "
                        + "exist: no member has started team mode on this NATS yet", e);
            }
            throw new IOException(e.getMessage(), e);
        }
    }
}
