package dev.klaxon.team;

import dev.klaxon.config.JetStreamConfig;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Binds the team's stream, pager consumer and KV buckets on a connection, creating what is missing when the config
 * allows. Never changes a stream or consumer someone else made: a difference that matters is an error naming it.
 */
final class TeamSetup {
    /** JetStream API error codes (nats-server 2.9). */
    private static final int STREAM_NOT_FOUND = 10059;
    private static final int CONSUMER_NOT_FOUND = 10014;
    private static final int JETSTREAM_NOT_ENABLED = 10076;
    private static final int JETSTREAM_NOT_ENABLED_FOR_ACCOUNT = 10039;
    static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(10);
    private static final long MAX_ACK_PENDING = 1_000;

    /** What a member works with once bound. */
    record Bound(JetStreamManagement management, KeyValue lease, KeyValue sent, KeyValue members,
                 KeyValue silences, KeyValue floods) {
    }

    private static final Logger LOG = Logger.getLogger(TeamSetup.class.getName());

    private final JetStreamConfig config;
    private final List<String> subjects;

    TeamSetup(JetStreamConfig config, List<String> subjects) {
        this.config = config;
        this.subjects = List.copyOf(subjects);
    }

    Bound bind(Connection connection) throws TeamSetupException {
        if (connection.getServerInfo() != null && !connection.getServerInfo().isJetStreamAvailable()) {
            throw new TeamSetupException(TeamSetupException.Kind.NO_JETSTREAM, "JetStream is not enabled on "
                    + "the NATS server (start it with -js, or jetstream {} in its config)");
        }
        try {
            JetStreamManagement management = connection.jetStreamManagement();
            stream(management);
            consumer(management);
            KeyValueManagement buckets = connection.keyValueManagement();
            bucket(buckets, TeamBuckets.LEASE, TeamBuckets.LEASE_TTL);
            bucket(buckets, TeamBuckets.SENT, config.maxAge());
            bucket(buckets, TeamBuckets.MEMBERS, TeamBuckets.MEMBERS_TTL);
            return new Bound(management, connection.keyValue(TeamBuckets.LEASE),
                    connection.keyValue(TeamBuckets.SENT), connection.keyValue(TeamBuckets.MEMBERS),
                    optional(connection, buckets, TeamBuckets.SILENCES), optional(connection, buckets,
                    TeamBuckets.FLOODS));
        } catch (IOException e) {
            throw unreachable(connection, e);
        }
    }

    private void stream(JetStreamManagement management) throws IOException, TeamSetupException {
        StreamInfo info;
        try {
            info = management.getStreamInfo(config.stream());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw apiProblem(e, "reading stream " + config.stream());
            }
            create(management);
            return;
        }
        List<String> differences = differences(info.getConfiguration());
        if (!differences.isEmpty()) {
            throw new TeamSetupException(TeamSetupException.Kind.MISMATCH, "stream " + config.stream()
                    + " exists but " + String.join("; ", differences)
                    + ": Klaxon never changes a stream it did not make; fix the stream or name another in "
                    + "nats.jetstream.stream");
        }
    }

    private void create(JetStreamManagement management) throws IOException, TeamSetupException {
        if (!config.create()) {
            throw new TeamSetupException(TeamSetupException.Kind.FORBIDDEN, "stream " + config.stream()
                    + " does not exist and nats.jetstream.create is false");
        }
        StreamConfiguration stream = StreamConfiguration.builder()
                .name(config.stream())
                .subjects(subjects)
                .retentionPolicy(RetentionPolicy.Limits)
                .storageType(StorageType.File)
                .replicas(config.replicas())
                .maxAge(config.maxAge())
                .duplicateWindow(DUPLICATE_WINDOW)
                .build();
        try {
            management.addStream(stream);
        } catch (JetStreamApiException e) {
            throw apiProblem(e, "creating stream " + config.stream());
        }
    }

    /** Only what would break team mode's promises counts; limits and replicas are the owner's business. */
    private List<String> differences(StreamConfiguration existing) {
        List<String> differences = new ArrayList<>();
        Set<String> have = new HashSet<>(existing.getSubjects());
        List<String> missing = new ArrayList<>();
        for (String subject : subjects) {
            if (!have.contains(subject)) {
                missing.add(subject);
            }
        }
        if (!missing.isEmpty()) {
            differences.add("its subjects " + existing.getSubjects() + " do not include " + missing
                    + " from nats.subjects");
        }
        if (existing.getRetentionPolicy() != RetentionPolicy.Limits) {
            differences.add("its retention is " + existing.getRetentionPolicy()
                    + ", not Limits (team mode needs the history and more than one consumer)");
        }
        return differences;
    }

    private void consumer(JetStreamManagement management) throws IOException, TeamSetupException {
        ConsumerInfo info;
        try {
            info = management.getConsumerInfo(config.stream(), config.consumer());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != CONSUMER_NOT_FOUND) {
                throw apiProblem(e, "reading consumer " + config.consumer());
            }
            if (!config.create()) {
                throw new TeamSetupException(TeamSetupException.Kind.FORBIDDEN, "consumer " + config.consumer()
                        + " of stream " + config.stream() + " does not exist and nats.jetstream.create is false");
            }
            try {
                management.addOrUpdateConsumer(config.stream(), ConsumerConfiguration.builder()
                        .durable(config.consumer())
                        .ackPolicy(AckPolicy.Explicit)
                        .deliverPolicy(DeliverPolicy.New)
                        .ackWait(config.ackWait())
                        .maxDeliver(-1)
                        .maxAckPending(MAX_ACK_PENDING)
                        .build());
            } catch (JetStreamApiException created) {
                throw apiProblem(created, "creating consumer " + config.consumer());
            }
            return;
        }
        ConsumerConfiguration existing = info.getConsumerConfiguration();
        List<String> differences = new ArrayList<>();
        if (existing.getDeliverSubject() != null) {
            differences.add("it is a push consumer (deliver subject " + existing.getDeliverSubject()
                    + "), team mode needs a pull consumer");
        }
        if (existing.getAckPolicy() != AckPolicy.Explicit) {
            differences.add("its ack policy is " + existing.getAckPolicy() + ", team mode needs Explicit");
        }
        String filter = existing.getFilterSubject();
        if (filter != null && !filter.isEmpty()) {
            differences.add("it filters on " + filter + ", team mode's sender must see the whole stream");
        }
        if (!differences.isEmpty()) {
            throw new TeamSetupException(TeamSetupException.Kind.MISMATCH, "consumer " + config.consumer()
                    + " of stream " + config.stream() + " exists but " + String.join("; ", differences)
                    + ": Klaxon never changes it; fix it or name another in nats.jetstream.consumer");
        }
    }

    /** The team's silences bucket alone (for the CLI); null as {@link #optional}. */
    KeyValue silences(Connection connection) throws IOException {
        return optional(connection, connection.keyValueManagement(), TeamBuckets.SILENCES);
    }

    /**
     * A bucket of shared guard state (silences, floods), or null when it is missing and may not be created: paging
     * goes on without it and the member says so, rather than the whole member turning view only.
     */
    private KeyValue optional(Connection connection, KeyValueManagement buckets, String name) throws IOException {
        try {
            bucket(buckets, name, Duration.ZERO);
            return connection.keyValue(name);
        } catch (TeamSetupException e) {
            LOG.warning("team: bucket " + name + " unavailable: " + e.getMessage());
            return null;
        }
    }

    private void bucket(KeyValueManagement buckets, String name, Duration ttl)
            throws IOException, TeamSetupException {
        try {
            buckets.getStatus(name);
            return;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw apiProblem(e, "reading bucket " + name);
            }
        }
        if (!config.create()) {
            throw new TeamSetupException(TeamSetupException.Kind.FORBIDDEN, "KV bucket " + name
                    + " does not exist and nats.jetstream.create is false");
        }
        try {
            buckets.create(KeyValueConfiguration.builder()
                    .name(name)
                    .maxHistoryPerKey(1)
                    .ttl(ttl)
                    .storageType(StorageType.File)
                    .replicas(config.replicas())
                    .build());
        } catch (JetStreamApiException e) {
            throw apiProblem(e, "creating bucket " + name);
        }
    }

    private static TeamSetupException apiProblem(JetStreamApiException e, String doing) {
        String where = doing.isEmpty() ? "" : doing + ": ";
        int code = e.getApiErrorCode();
        if (code == JETSTREAM_NOT_ENABLED || code == JETSTREAM_NOT_ENABLED_FOR_ACCOUNT) {
            return new TeamSetupException(TeamSetupException.Kind.NO_JETSTREAM,
                    "JetStream is not enabled on the server (" + e.getMessage() + ")");
        }
        if (e.getErrorCode() == 403) {
            return new TeamSetupException(TeamSetupException.Kind.FORBIDDEN, where + e.getMessage());
        }
        return new TeamSetupException(TeamSetupException.Kind.UNREACHABLE, where + e.getMessage());
    }

    /**
     * A forbidden JetStream API subject gets no reply at all: the client times out, and the server's reason
     * ("Permissions Violation for Publish to $JS.API...") arrives separately on the connection.
     */
    private static TeamSetupException unreachable(Connection connection, IOException e) {
        String serverSaid = connection.getLastError();
        if (serverSaid != null && serverSaid.contains("Permissions Violation")) {
            return new TeamSetupException(TeamSetupException.Kind.FORBIDDEN, serverSaid);
        }
        return new TeamSetupException(TeamSetupException.Kind.UNREACHABLE, "JetStream did not answer: "
                + e.getMessage());
    }
}
