package dev.klaxon.app.testing;

import dev.klaxon.app.backend.HeldBatch;
import dev.klaxon.app.backend.LiveBackend;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.decision.Outcome;
import dev.klaxon.delivery.DeliveryStatus;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.nats.ConnectionState;
import dev.klaxon.nats.ConnectionStatus;
import dev.klaxon.nats.IngestCounters;
import dev.klaxon.stats.SeverityTotals;
import dev.klaxon.stats.SubjectSnapshot;
import dev.klaxon.stats.TailEntry;
import dev.klaxon.storage.StorageStatus;
import dev.klaxon.team.TeamStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the engine's in-memory side (live state, audit rows, held triggers), so view behaviour can be tested
 * exactly without NATS; {@link FakeBackend} puts it behind the console's door.
 */
public final class FakeEngine implements LiveBackend {
    private static final Instant START = Instant.parse("2026-01-01T03:00:00Z");

    private final Map<String, Map<Outcome, Long>> counts = new LinkedHashMap<>();
    private final Map<String, List<TailEntry>> tails = new LinkedHashMap<>();
    private final Map<String, Double> rates = new LinkedHashMap<>();
    private ConnectionStatus connection = new ConnectionStatus(ConnectionState.CONNECTED, "nats://127.0.0.1:4222",
            START, "connected");
    private final List<AuditRow> audit = new ArrayList<>();
    private final List<AuditQuery> auditQueries = new ArrayList<>();
    private DeliveryStatus delivery;
    private List<FloodStatus> floods = List.of();
    /** The ids of the triggers the fake holds per subject (ids only grow), and the subjects released so far. */
    private final Map<String, List<Long>> held = new LinkedHashMap<>();
    private long nextHeldId = 1;
    private final List<String> released = new ArrayList<>();
    private final List<dev.klaxon.guard.FloodRelease> releases = new ArrayList<>();
    private long outboxFailures;
    private Instant now = START.plusSeconds(5);
    private SeverityTotals severities = SeverityTotals.NONE;
    private long received;
    private int snapshots;
    private int tailLimit = Integer.MAX_VALUE;
    private StorageStatus storage;
    private dev.klaxon.engine.ReloadResult lastReload;
    private TeamStatus team;

    public synchronized void delivery(DeliveryStatus status, long commitFailures) {
        delivery = status;
        outboxFailures = commitFailures;
    }

    private dev.klaxon.audit.ChainVerification chain;

    /** Rows the fake audit holds, newest first as the engine returns them. */
    public synchronized void audit(List<AuditRow> rows) {
        audit.clear();
        audit.addAll(rows);
    }

    /** What checking the audit chain answers; null (no audit trail yet) until set. */
    public synchronized void chain(dev.klaxon.audit.ChainVerification verification) {
        chain = verification;
    }

    public synchronized dev.klaxon.audit.ChainVerification chain() {
        return chain;
    }

    public synchronized List<AuditQuery> auditQueries() {
        return List.copyOf(auditQueries);
    }

    /** Applies kind, text and limit like the engine does (text: case-insensitive, over the columns and body). */
    public synchronized List<AuditRow> searchAudit(AuditQuery query) {
        auditQueries.add(query);
        List<AuditRow> found = new ArrayList<>();
        for (AuditRow row : audit) {
            String all = String.join("\u001f", String.valueOf(row.subject()), String.valueOf(row.rule()),
                    String.valueOf(row.dedupKey()), String.valueOf(row.action()), String.valueOf(row.target()),
                    String.valueOf(row.message()), String.valueOf(row.body())).toLowerCase(java.util.Locale.ROOT);
            if (query.kinds().contains(row.kind())
                    && (query.text() == null || all.contains(query.text().toLowerCase(java.util.Locale.ROOT)))
                    && (query.since() == null || !row.at().isBefore(query.since()))) {
                found.add(row);
            }
            if (query.limit() > 0 && found.size() >= query.limit()) {
                break;
            }
        }
        return found;
    }

    public synchronized void publish(String subject, String body, Outcome outcome, double rate) {
        counts.computeIfAbsent(subject, s -> new EnumMap<>(Outcome.class)).merge(outcome, 1L, Long::sum);
        rates.put(subject, rate);
        TailEntry entry = new TailEntry(START.plusMillis(received), subject, body, body.length(), false,
                Map.of("Nats-Msg-Id", List.of("m-" + received)), outcome, "because " + outcome.label());
        tails.computeIfAbsent(subject, s -> new ArrayList<>()).add(entry);
        received++;
    }

    /** A message exactly as given (headers, routes, reason), stamped with the fake's next receive time. */
    public synchronized void publish(TailEntry entry, double rate) {
        counts.computeIfAbsent(entry.subject(), s -> new EnumMap<>(Outcome.class)).merge(entry.outcome(), 1L,
                Long::sum);
        rates.put(entry.subject(), rate);
        tails.computeIfAbsent(entry.subject(), s -> new ArrayList<>()).add(new TailEntry(START.plusMillis(received),
                entry.subject(), entry.body(), entry.bodyBytes(), entry.truncated(), entry.headers(), entry.outcome(),
                entry.reason(), entry.routes()));
        received++;
    }

    /** From now on each subject's tail keeps only the newest {@code limit} messages, as the engine's does. */
    public synchronized void tailLimit(int limit) {
        tailLimit = limit;
    }

    /** From now on the fake holds {@code count} triggers under {@code subject}. */
    public synchronized void held(String subject, int count) {
        held.put(subject, new ArrayList<>());
        hold(subject, count);
    }

    /** {@code more} triggers are held under {@code subject}, after those held already. */
    public synchronized void hold(String subject, int more) {
        List<Long> ids = held.computeIfAbsent(subject, s -> new ArrayList<>());
        for (int i = 0; i < more; i++) {
            ids.add(nextHeldId++);
        }
    }

    public synchronized List<String> released() {
        return List.copyOf(released);
    }

    @Override
    public synchronized HeldBatch held(String subject) {
        List<Long> ids = held.getOrDefault(subject, List.of());
        return ids.isEmpty() ? HeldBatch.none(subject) : new HeldBatch(subject, ids.size(), ids.get(ids.size() - 1));
    }

    /** Releases as the Flood view lists them, newest first. */
    public synchronized List<dev.klaxon.guard.FloodRelease> floodReleases() {
        return List.copyOf(releases);
    }

    /** Releases what the batch counted (ids up to its newest), as the engine does; later ones stay held. */
    public synchronized java.util.concurrent.CompletableFuture<Integer> release(HeldBatch batch) {
        String subject = batch.subject();
        released.add(subject);
        List<Long> ids = held.getOrDefault(subject, new ArrayList<>());
        int before = ids.size();
        ids.removeIf(id -> id <= batch.upToId());
        int count = before - ids.size();
        if (count > 0) {
            releases.add(0, new dev.klaxon.guard.FloodRelease(subject, count, "test", "this console", now));
        }
        return java.util.concurrent.CompletableFuture.completedFuture(count);
    }

    public synchronized void floods(List<FloodStatus> flooding) {
        floods = List.copyOf(flooding);
    }

    @Override
    public synchronized List<FloodStatus> floods() {
        return floods;
    }

    /** Moves the snapshots' time on, as the engine's clock would. */
    public synchronized void advance(Duration time) {
        now = now.plus(time);
    }

    public synchronized void severities(SeverityTotals totals) {
        severities = totals;
    }

    /** What the snapshots say about the team from now on (null: core mode). */
    public synchronized void team(TeamStatus status) {
        team = status;
    }

    /** What the last config reload did, as the next snapshots report it. */
    public synchronized void reloaded(dev.klaxon.engine.ReloadResult result) {
        lastReload = result;
    }

    public synchronized void storage(StorageStatus status) {
        storage = status;
    }

    public synchronized void connection(ConnectionStatus status) {
        connection = status;
    }

    public synchronized int snapshotsTaken() {
        return snapshots;
    }

    @Override
    public synchronized EngineSnapshot snapshot() {
        snapshots++;
        List<SubjectSnapshot> subjects = new ArrayList<>();
        counts.forEach((subject, byOutcome) -> {
            long total = byOutcome.values().stream().mapToLong(Long::longValue).sum();
            List<TailEntry> tail = tails.get(subject);
            subjects.add(new SubjectSnapshot(subject, total, Map.copyOf(byOutcome), rates.get(subject),
                    rates.get(subject), tail.get(tail.size() - 1).receivedAt(), tail.get(tail.size() - 1).body()));
        });
        return new EngineSnapshot(now, connection,
                new IngestCounters(received, 0, 0, 0, 0, 10_000), Map.of(), Map.of(), subjects, subjects.size(), delivery,
                outboxFailures, severities, storage, team, null, lastReload);
    }

    @Override
    public synchronized List<TailEntry> tail(String subject) {
        List<TailEntry> all = tails.getOrDefault(subject, List.of());
        return List.copyOf(all.subList(Math.max(0, all.size() - tailLimit), all.size()));
    }
}
