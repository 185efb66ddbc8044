package dev.klaxon.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.config.JetStreamConfig;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValue;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.Replica;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads the team's shared facts: member heartbeats, the pager consumer's figures, the stream's placement. */
final class TeamFacts {
    private static final int MAX_MEMBERS_SHOWN = 64;

    private TeamFacts() {
    }

    static List<TeamStatus.TeamMember> members(KeyValue bucket, ObjectMapper mapper, Instant now)
            throws IOException, JetStreamApiException, InterruptedException {
        List<TeamStatus.TeamMember> members = new ArrayList<>();
        for (String key : bucket.keys()) {
            if (members.size() >= MAX_MEMBERS_SHOWN) {
                break;
            }
            KeyValueEntry entry = bucket.get(key);
            if (entry == null || entry.getOperation() != KeyValueOperation.PUT) {
                continue;
            }
            try {
                JsonNode node = mapper.readTree(entry.getValue());
                members.add(new TeamStatus.TeamMember(node.path("member").asText(key), node.path("user").asText(),
                        node.path("host").asText(), node.path("role").asText(), node.path("headless").asBoolean(),
                        node.path("sender").asBoolean(), node.path("pagerduty").asText(),
                        node.path("outbox").asLong(), Instant.parse(node.path("at").asText(now.toString()))));
            } catch (IOException | RuntimeException e) {
                // not a Klaxon heartbeat: left out
            }
        }
        members.sort(Comparator.comparing(TeamStatus.TeamMember::id));
        return members;
    }

    static TeamStatus.ConsumerFacts consumer(JetStreamManagement management, JetStreamConfig config, Instant now)
            throws IOException, JetStreamApiException {
        ConsumerInfo info = management.getConsumerInfo(config.stream(), config.consumer());
        Duration oldest = null;
        if (info.getNumAckPending() > 0) {
            long next = info.getAckFloor().getStreamSequence() + 1;
            try {
                oldest = Duration.between(management.getMessage(config.stream(), next).getTime()
                        .toInstant(), now);
            } catch (JetStreamApiException gone) {
                // deleted or aged out meanwhile: unknown
            }
        }
        return new TeamStatus.ConsumerFacts(config.consumer(), info.getNumPending(), info.getNumAckPending(),
                info.getRedelivered(), oldest);
    }

    static TeamStatus.StreamFacts stream(JetStreamManagement management, JetStreamConfig config) throws IOException, JetStreamApiException {
        StreamInfo info = management.getStreamInfo(config.stream());
        String leader = info.getClusterInfo() == null ? null : info.getClusterInfo().getLeader();
        List<String> replicas = new ArrayList<>();
        if (info.getClusterInfo() != null && info.getClusterInfo().getReplicas() != null) {
            for (Replica replica : info.getClusterInfo().getReplicas()) {
                replicas.add(replica.getName() + (replica.isCurrent() ? "" : " (behind)")
                        + (replica.isOffline() ? " (offline)" : ""));
            }
        }
        return new TeamStatus.StreamFacts(config.stream(), leader, replicas, info.getStreamState().getMsgCount(),
                info.getStreamState().getLastSequence());
    }

}
