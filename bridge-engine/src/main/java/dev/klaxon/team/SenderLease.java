package dev.klaxon.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The team's sender lease: one key in KV {@code KLAXON_LEASE}, whose bucket forgets it 15 s after its last write.
 * Taken with {@code create} (fails if someone holds it), kept with {@code update(revision)} every 5 s (fails if
 * someone else took it meanwhile). Decisions rest on those compare-and-set results, never on a read.
 *
 * <p>Whether this member still holds it is judged on both clocks: the wall clock (which keeps going while a laptop
 * sleeps) and the monotonic one (which keeps going while a process is stopped). Either past
 * {@link TeamBuckets#LEASE_TRUST} since the last renewal and this member stops sending at once. Not thread-safe
 * apart from {@link #held()}: one thread (the team's) drives it.
 */
final class SenderLease {
    /** Who holds the lease, as its value says. */
    record Holder(String member, Instant since, boolean headless, Duration age) {
    }

    private final KeyValue bucket;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final String member;
    private final boolean headless;
    private long revision;
    private Instant since;
    private volatile Instant renewedAt;
    private volatile long renewedNanos;
    private volatile boolean holding;

    SenderLease(KeyValue bucket, ObjectMapper mapper, Clock clock, LongSupplier nanoTime, String member,
                boolean headless) {
        this.bucket = bucket;
        this.mapper = mapper;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.member = member;
        this.headless = headless;
    }

    /** Takes the lease if nobody holds it. */
    boolean tryTake() throws IOException {
        Instant now = clock.instant();
        try {
            revision = bucket.create(TeamBuckets.LEASE_KEY, value(now));
        } catch (JetStreamApiException taken) {
            return false;
        }
        since = now;
        renewed(now);
        return true;
    }

    /** Takes the lease from whoever holds it (a person asked): the holder's next renewal fails. */
    boolean takeOver() throws IOException {
        try {
            bucket.delete(TeamBuckets.LEASE_KEY);
        } catch (JetStreamApiException e) {
            return false;
        }
        return tryTake();
    }

    /** Keeps the lease; false (and no longer holding) when someone else has it or the server refused. */
    boolean renew() throws IOException {
        Instant now = clock.instant();
        try {
            revision = bucket.update(TeamBuckets.LEASE_KEY, value(now), revision);
        } catch (JetStreamApiException lost) {
            holding = false;
            return false;
        }
        renewed(now);
        return true;
    }

    /** Gives the lease up so another member can take it at once. */
    void release() {
        if (!holding) {
            return;
        }
        holding = false;
        try {
            bucket.delete(TeamBuckets.LEASE_KEY, revision);
        } catch (IOException | JetStreamApiException e) {
            // someone else holds it already, or the bucket forgets it within its TTL: either way it is given up
        }
    }

    /** Stops counting the lease as held, without a word to the server (it forgets it by itself). */
    void drop() {
        holding = false;
    }

    /** Whether this member may send now. Any thread. */
    boolean held() {
        if (!holding) {
            return false;
        }
        Instant renewed = renewedAt;
        long trustNanos = TeamBuckets.LEASE_TRUST.toNanos();
        return nanoTime.getAsLong() - renewedNanos < trustNanos
                && clock.instant().isBefore(renewed.plus(TeamBuckets.LEASE_TRUST));
    }

    boolean holding() {
        return holding;
    }

    Instant since() {
        return since;
    }

    Instant renewedAt() {
        return renewedAt;
    }

    /** Who holds the lease now, as the bucket says; null when nobody does. */
    Holder holder() throws IOException, JetStreamApiException {
        KeyValueEntry entry = bucket.get(TeamBuckets.LEASE_KEY);
        if (entry == null || entry.getOperation() != KeyValueOperation.PUT) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(entry.getValue());
            Instant written = entry.getCreated().toInstant();
            return new Holder(node.path("member").asText("?"), Instant.parse(node.path("since").asText()),
                    node.path("headless").asBoolean(), Duration.between(written, clock.instant()));
        } catch (IOException | RuntimeException e) {
            return new Holder("?", null, false, null);
        }
    }

    private void renewed(Instant now) {
        renewedAt = now;
        renewedNanos = nanoTime.getAsLong();
        holding = true;
    }

    private byte[] value(Instant now) throws IOException {
        return mapper.writeValueAsBytes(mapper.createObjectNode()
                .put("member", member)
                .put("since", (since == null || !holding ? now : since).toString())
                .put("headless", headless)
                .put("renewed", now.toString()));
    }
}
