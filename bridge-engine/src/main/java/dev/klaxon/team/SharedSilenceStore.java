package dev.klaxon.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.config.JetStreamConfig;
import dev.klaxon.guard.PayloadMatcher;
import dev.klaxon.guard.Silence;
import dev.klaxon.guard.SilenceChange;
import dev.klaxon.guard.SilenceConflictException;
import dev.klaxon.guard.SilenceRecord;
import dev.klaxon.guard.SilenceStorage;
import dev.klaxon.route.SubjectPattern;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The team's silences in KV bucket {@code KLAXON_SILENCES}: one key per silence ({@code s.<id>}), a counter for ids,
 * and the sender's match counts ({@code matched.<id>}). Every change is a compare and set on the revision the person
 * saw; a change that lost the race is refused with the silence as it is now, never written over it.
 *
 * <p>A watcher keeps every silence in memory, so the processing thread's book is refreshed the moment another
 * member's change arrives, and silences stay enforced (as last seen) while the bucket cannot be reached; changes then
 * fail and say so. Thread-safe.
 */
public final class SharedSilenceStore implements SilenceStorage {
    private static final Logger LOG = Logger.getLogger(SharedSilenceStore.class.getName());
    static final String ID_COUNTER = "next-id";
    private static final String SILENCE_PREFIX = "s.";
    private static final String MATCHED_PREFIX = "matched.";
    private static final int CAS_TRIES = 20;
    /** How long attaching waits for the bucket's current content, so nothing is decided before it is known. */
    private static final Duration INITIAL_LOAD = Duration.ofSeconds(5);

    private record Stored(JsonNode value, long revision) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final String member;
    private final BooleanSupplier countsMatches;
    private final Map<Long, Stored> silences = new ConcurrentHashMap<>();
    private final Map<Long, Long> matched = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile KeyValue bucket;
    private volatile NatsKeyValueWatchSubscription watch;
    private volatile String unreachable = "not connected to NATS yet";

    /**
     * @param member        this Klaxon in the team ({@code user@host/pid}), recorded with each change
     * @param countsMatches whether this member's match counts are the team's (the sender's are; an observer decides
     *                      the same messages and would count them again)
     */
    public SharedSilenceStore(String member, BooleanSupplier countsMatches) {
        this.member = member;
        this.countsMatches = countsMatches;
    }

    /**
     * The team's silences for a command that is not a member (the CLI): it counts no matches.
     *
     * @throws IOException when the bucket cannot be reached, or is missing and may not be created
     */
    public static SharedSilenceStore open(Connection connection, JetStreamConfig config, List<String> subjects,
                                          String member) throws IOException {
        KeyValue kv = new TeamSetup(config, subjects).silences(connection);
        if (kv == null) {
            throw new IOException("the team's silences bucket " + TeamBuckets.SILENCES + " is missing and "
                    + "nats.jetstream.create is false");
        }
        SharedSilenceStore store = new SharedSilenceStore(member, () -> false);
        try {
            store.attach(kv);
        } catch (JetStreamApiException e) {
            throw new IOException("cannot read " + TeamBuckets.SILENCES + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + TeamBuckets.SILENCES, e);
        }
        return store;
    }

    /** Watches {@code kv} and waits (briefly) until its current silences are known. */
    void attach(KeyValue kv) throws IOException, JetStreamApiException, InterruptedException {
        detach();
        CountDownLatch loaded = new CountDownLatch(1);
        watch = kv.watchAll(new KeyValueWatcher() {
            @Override
            public void watch(KeyValueEntry entry) {
                take(entry);
                if (loaded.getCount() == 0) {
                    changed();
                }
            }

            @Override
            public void endOfData() {
                loaded.countDown();
            }
        });
        if (!loaded.await(INITIAL_LOAD.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warning("team: the silences in " + TeamBuckets.SILENCES + " took over " + INITIAL_LOAD.toSeconds()
                    + " s to read; using what has arrived");
        }
        bucket = kv;
        unreachable = null;
        changed();
    }

    /** The bucket cannot be used at all (missing, and not ours to create): changes fail with {@code why}. */
    void unavailable(String why) {
        detach();
        unreachable = why;
    }

    /** The bucket cannot be reached now: silences stay as last seen, changes fail. */
    void detach() {
        bucket = null;
        unreachable = "the NATS connection is down";
        NatsKeyValueWatchSubscription current = watch;
        watch = null;
        if (current != null) {
            try {
                current.unsubscribe();
            } catch (RuntimeException e) {
                // the connection is gone already; its subscriptions with it
            }
        }
    }

    private void take(KeyValueEntry entry) {
        String key = entry.getKey();
        boolean gone = entry.getOperation() != KeyValueOperation.PUT;
        try {
            if (key.startsWith(SILENCE_PREFIX)) {
                long id = Long.parseLong(key.substring(SILENCE_PREFIX.length()));
                if (gone) {
                    silences.remove(id);
                } else {
                    silences.put(id, new Stored(mapper.readTree(entry.getValue()), entry.getRevision()));
                }
            } else if (key.startsWith(MATCHED_PREFIX)) {
                long id = Long.parseLong(key.substring(MATCHED_PREFIX.length()));
                matched.put(id, gone ? 0L : Long.parseLong(new String(entry.getValue(), StandardCharsets.UTF_8)));
            }
        } catch (IOException | RuntimeException unreadable) {
            LOG.warning("team: ignoring unreadable entry " + key + " in " + TeamBuckets.SILENCES + ": " + unreadable);
        }
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public Silence add(SubjectPattern pattern, List<PayloadMatcher> matchers, Instant startsAt, Instant endsAt,
                       String createdBy, String reason, Instant createdAt) {
        return add(pattern, matchers, startsAt, endsAt, createdBy, reason, createdAt, "added");
    }

    /** Like {@link #add}, naming the change (e.g. moved from a laptop's own silences). */
    public Silence add(SubjectPattern pattern, List<PayloadMatcher> matchers, Instant startsAt, Instant endsAt,
                       String createdBy, String reason, Instant createdAt, String action) {
        KeyValue kv = reachable();
        try {
            long id = nextId(kv);
            Silence silence = new Silence(id, pattern, matchers, startsAt, endsAt, createdBy, reason, createdAt,
                    null);
            ObjectNode value = encode(silence, false, new SilenceChange(action, createdBy, member, createdAt));
            long revision = kv.create(SILENCE_PREFIX + id, mapper.writeValueAsBytes(value));
            silences.put(id, new Stored(value, revision)); // the watcher brings the same; seen here at once
            changed();
            return silence;
        } catch (IOException | JetStreamApiException e) {
            throw failed("add the silence", e);
        }
    }

    private long nextId(KeyValue kv) throws IOException, JetStreamApiException {
        for (int attempt = 0; attempt < CAS_TRIES; attempt++) {
            KeyValueEntry current = kv.get(ID_COUNTER);
            try {
                if (current == null) {
                    kv.create(ID_COUNTER, "1".getBytes(StandardCharsets.UTF_8));
                    return 1;
                }
                long next = Long.parseLong(new String(current.getValue(), StandardCharsets.UTF_8)) + 1;
                kv.update(ID_COUNTER, Long.toString(next).getBytes(StandardCharsets.UTF_8), current.getRevision());
                return next;
            } catch (JetStreamApiException raced) {
                // another member took this id at the same moment: read the counter again
            }
        }
        throw new IllegalStateException("could not take a silence id from " + TeamBuckets.SILENCES + " after "
                + CAS_TRIES + " tries: too many members adding at once");
    }

    @Override
    public boolean expire(long id, long seenRevision, String who, Instant now) {
        return change(id, seenRevision, now, "expire", stored -> {
            ObjectNode value = stored.deepCopy();
            value.put("expired_at", now.toString());
            return withChange(value, new SilenceChange("expired", who, member, now));
        });
    }

    @Override
    public boolean extend(long id, Instant newEnd, long seenRevision, String who, Instant now) {
        return change(id, seenRevision, now, "extend", stored -> {
            ObjectNode value = stored.deepCopy();
            value.put("ends_at", newEnd.toString());
            return withChange(value, new SilenceChange("extended", who, member, now));
        });
    }

    private boolean change(long id, long seenRevision, Instant now, String what,
                           UnaryOperator<ObjectNode> edit) {
        KeyValue kv = reachable();
        try {
            KeyValueEntry entry = kv.get(SILENCE_PREFIX + id);
            if (entry == null || entry.getOperation() != KeyValueOperation.PUT) {
                return false;
            }
            ObjectNode current = (ObjectNode) mapper.readTree(entry.getValue());
            if (seenRevision != ANY_REVISION && entry.getRevision() != seenRevision) {
                throw conflict(id, what, current);
            }
            if (!decode(id, current).activeOrPendingAt(now)) {
                return false;
            }
            ObjectNode edited = edit.apply(current);
            try {
                long revision = kv.update(SILENCE_PREFIX + id, mapper.writeValueAsBytes(edited), entry.getRevision());
                silences.put(id, new Stored(edited, revision));
            } catch (JetStreamApiException raced) {
                KeyValueEntry latest = kv.get(SILENCE_PREFIX + id);
                throw conflict(id, what, latest == null ? current : mapper.readTree(latest.getValue()));
            }
            changed();
            return true;
        } catch (IOException | JetStreamApiException e) {
            throw failed(what + " silence #" + id, e);
        }
    }

    private SilenceConflictException conflict(long id, String what, JsonNode current) {
        Silence now = decode(id, current).silence();
        SilenceChange last = change(current);
        String who = last == null ? "another member" : last.describe() + " at " + last.at();
        String state = now.expiredAt() != null ? "it was expired at " + now.expiredAt()
                : "it now ends at " + now.endsAt();
        return new SilenceConflictException("silence #" + id + " was changed (" + who + ") after you read it: "
                + state + ". Your " + what + " was not applied; look again and decide.");
    }

    @Override
    public void addMatches(Map<Long, Long> counts) {
        KeyValue kv = bucket;
        if (kv == null || !countsMatches.getAsBoolean()) {
            return; // an observer's counts repeat the sender's; a dropped count is not worth failing for
        }
        for (Map.Entry<Long, Long> count : counts.entrySet()) {
            String key = MATCHED_PREFIX + count.getKey();
            for (int attempt = 0; attempt < CAS_TRIES; attempt++) {
                try {
                    KeyValueEntry current = kv.get(key);
                    if (current == null) {
                        kv.create(key, Long.toString(count.getValue()).getBytes(StandardCharsets.UTF_8));
                    } else {
                        long sum = Long.parseLong(new String(current.getValue(), StandardCharsets.UTF_8))
                                + count.getValue();
                        kv.update(key, Long.toString(sum).getBytes(StandardCharsets.UTF_8), current.getRevision());
                    }
                    break;
                } catch (JetStreamApiException raced) {
                    // a sender that just handed over wrote its last counts: read again and add
                } catch (IOException | RuntimeException e) {
                    LOG.fine("team: could not add silence matches to " + key + ": " + e);
                    break;
                }
            }
        }
    }

    @Override
    public void markExpiredWhileFiring(long id) {
        KeyValue kv = bucket;
        if (kv == null || !countsMatches.getAsBoolean()) {
            return;
        }
        try {
            KeyValueEntry entry = kv.get(SILENCE_PREFIX + id);
            if (entry != null && entry.getOperation() == KeyValueOperation.PUT) {
                ObjectNode value = (ObjectNode) mapper.readTree(entry.getValue());
                value.put("expired_while_firing", true);
                kv.update(SILENCE_PREFIX + id, mapper.writeValueAsBytes(value), entry.getRevision());
            }
        } catch (IOException | JetStreamApiException e) {
            // a person changed it at that moment; the flag is a hint, and the warning is logged already
        }
    }

    @Override
    public List<SilenceRecord> all() {
        List<SilenceRecord> records = new ArrayList<>();
        for (Map.Entry<Long, Stored> entry : silences.entrySet()) {
            try {
                records.add(decode(entry.getKey(), entry.getValue().value())
                        .with(matched.getOrDefault(entry.getKey(), 0L), entry.getValue().revision()));
            } catch (RuntimeException unreadable) {
                LOG.warning("team: ignoring unreadable silence #" + entry.getKey() + " in " + TeamBuckets.SILENCES
                        + ": " + unreadable.getMessage());
            }
        }
        records.sort(Comparator.comparingLong((SilenceRecord r) -> r.silence().id()).reversed());
        return records;
    }

    @Override
    public String where() {
        return "the team's KV bucket " + TeamBuckets.SILENCES;
    }

    @Override
    public void close() {
        detach();
    }

    private KeyValue reachable() {
        KeyValue kv = bucket;
        if (kv == null) {
            throw new IllegalStateException("the team's silences (" + TeamBuckets.SILENCES + ") cannot be reached: "
                    + unreachable + "; silences stay as last seen, and changes wait until NATS is back");
        }
        return kv;
    }

    private RuntimeException failed(String doing, Exception cause) {
        return new IllegalStateException("could not " + doing + " in " + TeamBuckets.SILENCES + ": "
                + cause.getMessage(), cause);
    }

    // ---- the value: JSON, one object per silence -----------------------------------------------------------

    private record Decoded(Silence silence, boolean expiredWhileFiring, SilenceChange lastChange) {
        boolean activeOrPendingAt(Instant now) {
            return now.isBefore(silence.effectiveEnd());
        }

        SilenceRecord with(long matchedCount, long revision) {
            return new SilenceRecord(silence, matchedCount, expiredWhileFiring, revision, lastChange);
        }
    }

    private ObjectNode encode(Silence silence, boolean expiredWhileFiring, SilenceChange change) {
        ObjectNode value = mapper.createObjectNode()
                .put("id", silence.id())
                .put("pattern", silence.pattern().text())
                .put("starts_at", silence.startsAt().toString())
                .put("ends_at", silence.endsAt().toString())
                .put("created_by", silence.createdBy())
                .put("reason", silence.reason())
                .put("created_at", silence.createdAt().toString())
                .put("expired_while_firing", expiredWhileFiring);
        silence.matchers().forEach(matcher -> value.withArray("matchers").add(matcher.toString()));
        value.putNull("expired_at");
        return withChange(value, change);
    }

    private ObjectNode withChange(ObjectNode value, SilenceChange change) {
        value.putObject("change").put("action", change.action()).put("by", change.by())
                .put("member", change.member()).put("at", change.at().toString());
        return value;
    }

    private static Decoded decode(long id, JsonNode value) {
        List<PayloadMatcher> matchers = new ArrayList<>();
        value.path("matchers").forEach(matcher -> matchers.add(PayloadMatcher.stored(matcher.asText())));
        JsonNode expired = value.path("expired_at");
        Silence silence = new Silence(id, SubjectPattern.compile(value.path("pattern").asText()), matchers,
                Instant.parse(value.path("starts_at").asText()), Instant.parse(value.path("ends_at").asText()),
                value.path("created_by").asText("?"), value.path("reason").asText(""),
                Instant.parse(value.path("created_at").asText()),
                expired.isTextual() ? Instant.parse(expired.asText()) : null);
        return new Decoded(silence, value.path("expired_while_firing").asBoolean(), change(value));
    }

    private static SilenceChange change(JsonNode value) {
        JsonNode change = value.path("change");
        if (!change.isObject()) {
            return null;
        }
        return new SilenceChange(change.path("action").asText("changed"), change.path("by").asText("?"),
                change.path("member").asText("?"), Instant.parse(change.path("at").asText()));
    }
}
