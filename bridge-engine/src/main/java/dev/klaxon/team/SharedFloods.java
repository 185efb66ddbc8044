package dev.klaxon.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.guard.FloodRelease;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.guard.HeldEvent;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The team's flood state in KV bucket {@code KLAXON_FLOODS}: the sender writes what it holds (key {@code state}), so
 * every console shows the same floods and held triggers; a release asked on an observer is a key
 * {@code release.<id>} that only the sender acts on, once, and answers in the same key.
 *
 * <p>Held triggers stay in the sender's memory; what is shared is their summaries (never a routing key) and their
 * stream sequences, so the next sender (or this one, restarted) holds them again from the stream: a held trigger
 * outlives the laptop that held it. Flood counts are not inherited: the next sender's floods start from its own
 * view. Thread-safe.
 */
public final class SharedFloods {
    private static final Logger LOG = Logger.getLogger(SharedFloods.class.getName());
    static final String STATE = "state";
    static final String RELEASE_PREFIX = "release.";
    /** How long an observer waits for the sender to answer a release. */
    static final Duration RELEASE_ANSWER = Duration.ofSeconds(15);
    /** The sender writes its state at least this often, so observers can tell a live one from a dead sender's. */
    static final Duration REWRITE = Duration.ofSeconds(10);
    /** A state older than this is a sender's that stopped: observers show no floods from it. */
    static final Duration STALE = Duration.ofSeconds(30);
    /** Held triggers listed per subject in the shared state; the count is always whole. */
    public static final int HELD_LISTED = 200;

    /** What an earlier sender held when this member took over: stream sequences by subject. */
    public record Inheritance(String sender, Map<String, List<Long>> sequences) {
        public int count() {
            return sequences.values().stream().mapToInt(List::size).sum();
        }
    }

    /**
     * A release asked by a person on some member.
     *
     * @param upToId the newest held id the person saw counted (only those up to it are released); 0: all held
     */
    public record ReleaseRequest(String key, String subject, String by, String member, long upToId) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final String member;
    private final Clock clock;
    private final Map<String, CompletableFuture<Integer>> asked = new ConcurrentHashMap<>();
    private volatile Consumer<ReleaseRequest> releases = request -> { };
    private volatile Consumer<Inheritance> inheritances = inheritance -> { };
    private volatile KeyValue bucket;
    private volatile NatsKeyValueWatchSubscription watch;
    private volatile JsonNode state;
    private volatile View view;
    private volatile String lastWritten = "";
    private volatile Instant lastWrite = Instant.EPOCH;

    SharedFloods(String member, Clock clock) {
        this.member = member;
        this.clock = clock;
    }

    /** What the sender does with a release asked on an observer (called on a NATS thread; hand work off). */
    public void onRelease(Consumer<ReleaseRequest> handler) {
        this.releases = handler;
    }

    /** What a new sender does with what its predecessor held (called on the lease's thread; hand work off). */
    public void onTakeOver(Consumer<Inheritance> handler) {
        this.inheritances = handler;
    }

    /**
     * This member became the sender: what the last written state held is handed on, however old it is. Read from
     * the bucket itself, since at a start the watcher may not have delivered it yet.
     */
    void tookOver() {
        JsonNode last = state;
        KeyValue kv = bucket;
        if (kv != null) {
            try {
                KeyValueEntry entry = kv.get(STATE);
                last = entry == null || entry.getValue() == null ? null : mapper.readTree(entry.getValue());
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                LOG.warning("team: could not read what the last sender held, from " + TeamBuckets.FLOODS + ": "
                        + e.getMessage() + "; using the last state seen");
            }
        }
        if (last == null) {
            return;
        }
        Map<String, List<Long>> sequences = new java.util.TreeMap<>();
        last.path("sequences").fields().forEachRemaining(subject -> {
            List<Long> listed = new ArrayList<>();
            subject.getValue().forEach(sequence -> listed.add(sequence.asLong()));
            if (!listed.isEmpty()) {
                sequences.put(subject.getKey(), listed);
            }
        });
        if (!sequences.isEmpty()) {
            inheritances.accept(new Inheritance(last.path("sender").asText("?"), sequences));
        }
    }

    void attach(KeyValue kv) throws IOException, JetStreamApiException, InterruptedException {
        detach();
        bucket = kv;
        watch = kv.watchAll(new KeyValueWatcher() {
            @Override
            public void watch(KeyValueEntry entry) {
                take(entry);
            }

            @Override
            public void endOfData() {
            }
        });
    }

    void detach() {
        bucket = null;
        NatsKeyValueWatchSubscription current = watch;
        watch = null;
        if (current != null) {
            try {
                current.unsubscribe();
            } catch (RuntimeException e) {
                // the connection is gone, and the subscription with it
            }
        }
    }

    private void take(KeyValueEntry entry) {
        try {
            if (entry.getKey().equals(STATE)) {
                JsonNode read = entry.getOperation() == KeyValueOperation.PUT ? mapper.readTree(entry.getValue()) : null;
                View parsed = read == null ? null : View.of(read, mapper);
                state = read;
                view = parsed;
            } else if (entry.getKey().startsWith(RELEASE_PREFIX) && entry.getOperation() == KeyValueOperation.PUT) {
                JsonNode value = mapper.readTree(entry.getValue());
                if (value.has("released")) {
                    CompletableFuture<Integer> waiting = asked.remove(entry.getKey());
                    if (waiting != null) {
                        waiting.complete(value.path("released").asInt());
                    }
                } else {
                    releases.accept(new ReleaseRequest(entry.getKey(), value.path("subject").asText(),
                            value.path("by").asText("?"), value.path("member").asText("?"),
                            value.path("up_to").asLong(0)));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning("team: ignoring unreadable entry " + entry.getKey() + " in " + TeamBuckets.FLOODS + ": " + e);
        }
    }

    // ---- the sender ----------------------------------------------------------------------------------------

    /**
     * Writes what this sender holds, when it changed since the last write.
     *
     * @param held      summaries, a bounded number per subject
     * @param sequences the stream sequence of every held trigger, by subject
     */
    public void publish(List<FloodStatus> floods, Map<String, List<HeldEvent>> held,
                        Map<String, List<Long>> sequences, List<FloodRelease> releases, Instant now) {
        KeyValue kv = bucket;
        if (kv == null) {
            return;
        }
        ObjectNode value = mapper.createObjectNode().put("sender", member);
        ArrayNode list = value.putArray("floods");
        for (FloodStatus flood : floods) {
            list.addObject().put("subject", flood.subject()).put("since", flood.since().toString())
                    .put("held", flood.held());
        }
        ObjectNode heldBySubject = value.putObject("held");
        held.forEach((subject, events) -> {
            ArrayNode listed = heldBySubject.putArray(subject);
            events.forEach(event -> listed.addObject().put("id", event.id())
                    .put("rule", event.ruleLabel()).put("dedup_key", event.dedupKey())
                    .put("summary", event.summary()).put("held_at", event.heldAt().toString())
                    .put("seq", event.streamSequence()));
        });
        ObjectNode sequencesBySubject = value.putObject("sequences");
        sequences.forEach((subject, listed) -> {
            ArrayNode array = sequencesBySubject.putArray(subject);
            listed.forEach(array::add);
        });
        ArrayNode released = value.putArray("releases");
        releases.forEach(release -> released.addObject().put("subject", release.subject())
                .put("count", release.count()).put("by", release.by()).put("member", release.member())
                .put("at", release.at().toString()));
        String text = value.toString();
        if (text.equals(lastWritten) && now.isBefore(lastWrite.plus(REWRITE))) {
            return;
        }
        try {
            kv.put(STATE, mapper.writeValueAsBytes(value.put("at", now.toString())));
            lastWritten = text;
            lastWrite = now;
        } catch (IOException | JetStreamApiException e) {
            LOG.fine("team: could not write the flood state: " + e.getMessage());
        }
    }

    /** Answers a release asked on another member; the asking member sees the count. */
    public void answer(ReleaseRequest request, int released) {
        KeyValue kv = bucket;
        if (kv == null) {
            return;
        }
        try {
            kv.put(request.key(), mapper.writeValueAsBytes(mapper.createObjectNode().put("subject", request.subject())
                    .put("by", request.by()).put("member", request.member()).put("released", released)
                    .put("sender", member)));
            kv.delete(request.key()); // the watchers saw the answer; nobody acts on a deleted request
        } catch (IOException | JetStreamApiException e) {
            LOG.warning("team: could not answer the release of " + request.subject() + ": " + e.getMessage());
        }
    }

    // ---- an observer ---------------------------------------------------------------------------------------

    /** The sender's floods as last written; empty when none were written or its sender stopped writing. */
    public List<FloodStatus> floods() {
        View current = live();
        return current == null ? List.of() : current.floods();
    }

    /** The sender's last releases, newest first, whoever asked for them. */
    public List<FloodRelease> releases() {
        View current = live();
        return current == null ? List.of() : current.releases();
    }

    /** What the sender holds for one subject, as summaries (their bodies carry no routing key). */
    public List<HeldEvent> held(String subject) {
        View current = live();
        return current == null ? List.of() : current.held().getOrDefault(subject, List.of());
    }

    private View live() {
        View current = view;
        return current == null || clock.instant().isAfter(current.at().plus(STALE)) ? null : current;
    }

    /** The last written state, read once when it arrives: consoles ask for it several times a second. */
    private record View(Instant at, List<FloodStatus> floods, List<FloodRelease> releases,
                        Map<String, List<HeldEvent>> held) {
        static View of(JsonNode state, ObjectMapper mapper) {
            List<FloodStatus> floods = new ArrayList<>();
            state.path("floods").forEach(flood -> floods.add(new FloodStatus(flood.path("subject").asText(),
                    Instant.parse(flood.path("since").asText()), flood.path("held").asLong())));
            List<FloodRelease> releases = new ArrayList<>();
            state.path("releases").forEach(release -> releases.add(new FloodRelease(
                    release.path("subject").asText(), release.path("count").asInt(), release.path("by").asText("?"),
                    release.path("member").asText("?"), Instant.parse(release.path("at").asText()))));
            Map<String, List<HeldEvent>> held = new java.util.HashMap<>();
            state.path("held").fields().forEachRemaining(subject -> {
                List<HeldEvent> events = new ArrayList<>();
                for (JsonNode event : subject.getValue()) {
                    ObjectNode body = mapper.createObjectNode().put("dedup_key", event.path("dedup_key").asText(null));
                    body.putObject("payload").put("summary", event.path("summary").asText(""));
                    events.add(new HeldEvent(event.path("id").asLong(), subject.getKey(), -1,
                            event.path("rule").asText(""), null, body, Instant.parse(event.path("held_at").asText()),
                            event.path("seq").asLong()));
                }
                held.put(subject.getKey(), List.copyOf(events));
            });
            return new View(Instant.parse(state.path("at").asText()), List.copyOf(floods), List.copyOf(releases),
                    Map.copyOf(held));
        }
    }

    /**
     * Asks the team's sender to release what it holds for {@code subject}.
     *
     * @return completes with how many the sender released (0 when another release took them first)
     */
    public CompletableFuture<Integer> requestRelease(String subject, String by) {
        return requestRelease(subject, by, 0);
    }

    /**
     * Asks the team's sender to release what it holds for {@code subject} up to held id {@code upToId} (0: all).
     *
     * @return completes with how many the sender released
     */
    public CompletableFuture<Integer> requestRelease(String subject, String by, long upToId) {
        KeyValue kv = bucket;
        if (kv == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the team's flood state ("
                    + TeamBuckets.FLOODS + ") cannot be reached: NATS is down"));
        }
        String key = RELEASE_PREFIX + UUID.randomUUID();
        CompletableFuture<Integer> answered = new CompletableFuture<>();
        asked.put(key, answered);
        try {
            kv.create(key, mapper.writeValueAsBytes(mapper.createObjectNode().put("subject", subject).put("by", by)
                    .put("member", member).put("up_to", upToId)));
        } catch (IOException | JetStreamApiException e) {
            asked.remove(key);
            return CompletableFuture.failedFuture(new IllegalStateException("could not ask the sender to release "
                    + subject + ": " + e.getMessage(), e));
        }
        return answered.orTimeout(RELEASE_ANSWER.toSeconds(), TimeUnit.SECONDS).exceptionallyCompose(failure -> {
            asked.remove(key);
            deleteQuietly(kv, key); // a sender that comes later must not release what nobody asks for any more
            return CompletableFuture.failedFuture(new IllegalStateException("the team's sender did not answer "
                    + "within " + RELEASE_ANSWER.toSeconds() + " s: nothing was released from here; look at the "
                    + "Team view for who sends"));
        });
    }

    private static void deleteQuietly(KeyValue kv, String key) {
        try {
            kv.delete(key);
        } catch (IOException | JetStreamApiException e) {
            // the request stays until a sender answers it: it releases what is held then, which was asked for
        }
    }
}
