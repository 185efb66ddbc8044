package dev.klaxon.engine;

import dev.klaxon.audit.AuditChainKey;
import dev.klaxon.audit.AuditLog;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.audit.ChainVerification;
import dev.klaxon.audit.OperatorAction;
import dev.klaxon.audit.OperatorIdentity;
import dev.klaxon.audit.AuditSettings;
import dev.klaxon.config.ConfigException;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.ConfigReader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.decision.Decision;
import dev.klaxon.delivery.AuditCatchUp;
import dev.klaxon.delivery.DeliveryService;
import dev.klaxon.delivery.DeliveryStatus;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.message.MessageDecoder;
import dev.klaxon.nats.ConnectionStatus;
import dev.klaxon.nats.NatsIngest;
import dev.klaxon.outbox.EventRecord;
import dev.klaxon.guard.FloodRelease;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.guard.GuardEvent;
import dev.klaxon.guard.HeldEvent;
import dev.klaxon.guard.PagerGuards;
import dev.klaxon.guard.Silence;
import dev.klaxon.guard.SilenceBook;
import dev.klaxon.guard.SilenceRecord;
import dev.klaxon.guard.SilenceRequest;
import dev.klaxon.guard.AcceptedSignatureStore;
import dev.klaxon.guard.AcceptedSignatures;
import dev.klaxon.guard.SilenceStore;
import dev.klaxon.guard.Silences;
import dev.klaxon.message.Severity;
import dev.klaxon.outbox.Outbox;
import dev.klaxon.route.RenderedEvent;
import dev.klaxon.outbox.StorageLock;
import dev.klaxon.route.SubjectPattern;
import dev.klaxon.secret.RegularFiles;
import dev.klaxon.secret.SecretRef;
import dev.klaxon.stats.LiveStats;
import dev.klaxon.stats.SubjectSnapshot;
import dev.klaxon.stats.TailEntry;
import dev.klaxon.storage.StorageException;
import dev.klaxon.storage.StorageFiles;
import dev.klaxon.storage.StorageHealth;
import dev.klaxon.storage.StorageStatus;
import dev.klaxon.team.LocalFacts;
import dev.klaxon.team.TeamControl;
import dev.klaxon.team.LocalSilences;
import dev.klaxon.team.StreamHistory;
import dev.klaxon.team.SharedFloods;
import dev.klaxon.team.TeamSession;
import dev.klaxon.nats.IngestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bridge engine's one public seam. The console and the headless command line use only this.
 * Thread-safe: every method may be called from any thread; none blocks on the network.
 *
 * <p>Flow: NATS dispatcher → {@link IngestQueue} (bounded, never blocks the dispatcher) → one processing thread
 * → {@link MessageProcessor} (decode, route, render) → the pager guards → the outbox (and then {@link LiveStats}
 * counts the decision) → {@link DeliveryService} → PagerDuty. The audit reads the live stats every few seconds
 * ({@link AuditCounts}).
 */
public final class Engine implements AutoCloseable {
    private static final long CLOSE_TIMEOUT_MILLIS = 5_000;
    /** How long a reload waits for the processing thread to take the new rules before it says it will later. */
    private static final long RELOAD_WAIT_SECONDS = 10;
    private static final long AUDIT_INTERVAL_SECONDS = 5;
    private static final long OUTBOX_PRUNE_INTERVAL_MINUTES = 60;
    /** Who the audit names for what the engine decided by itself (flood state changes). */
    static final String AUTOMATIC = "klaxon (automatic)";
    /** How soon a silence added by another process (the command line) takes effect here. */
    private static final long SILENCE_REFRESH_MILLIS = 2_000;
    /**
     * Delivered events stay in the outbox this long, then go: the audit keeps their full history under its own
     * retention, and the outbox only has to stay small for the sender.
     */
    static final Duration DELIVERED_KEPT = Duration.ofDays(1);
    private static final Logger LOG = Logger.getLogger(Engine.class.getName());

    /** As it runs now: a reload replaces it (routes and guards from the file, the rest as started). */
    private volatile KlaxonConfig config;
    private final Clock clock;
    private final EngineOptions options;
    private final MessageDecoder decoder = new MessageDecoder();
    private final MessageProcessor processor;
    private final SilenceBook silenceBook = new SilenceBook();
    private final PagerGuards guards;
    private final ManualEscalation escalation;
    private final LiveStats stats;
    private final IngestQueue queue;
    private final NatsIngest ingest;
    private final TeamControl team;
    /** Team mode's member; null in core mode. */
    private final TeamSession teamSession;
    /** The last releases of held triggers, newest first (the Flood view shows them). */
    private final java.util.ArrayDeque<FloodRelease> releases = new java.util.ArrayDeque<>();
    private static final int RELEASES_KEPT = 10;
    /** The team's stream read back for a person: rules tried on history, older messages. */
    private final HistoryReads historyReads;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean storedSilencesRead = new AtomicBoolean();
    /** One reload at a time, so two never interleave their checks and swaps. */
    private final Object reloading = new Object();
    private final List<Consumer<ReloadResult>> reloadListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile ReloadResult lastReload;
    /** Everything that exists only while running; set once by {@link #start()}. */
    private volatile Running running;

    private Engine(KlaxonConfig config, Clock clock, EngineOptions options) {
        this.config = config;
        this.clock = clock;
        this.options = options;
        this.processor = new MessageProcessor(config.routes(), decoder, clock, options.environment());
        this.escalation = new ManualEscalation(decoder);
        this.guards = new PagerGuards(config.guards(), silenceBook, this::onGuardEvent);
        this.stats = new LiveStats(clock, options.statsLimits());
        this.queue = new IngestQueue(options.queueCapacity(), options.queueBytes());
        this.teamSession = config.nats().teamMode() ? new TeamSession(config.nats().jetstream(), config.nats(),
                IngestSettings.defaults(), clock, System::nanoTime, options.member() != null ? options.member() : TeamSession.memberId(), options.headless(),
                config.guards().dedupWindow(), this::onTeamChange, this::localFacts) : null;
        this.ingest = new NatsIngest(config.nats(), options.environment(), clock, queue::offer,
                IngestSettings.defaults(), teamSession == null ? null : () -> teamSession);
        this.team = teamSession == null ? TeamControl.none(clock) : teamSession;
        this.historyReads = new HistoryReads(teamSession, this::config, clock, options, processor, guards,
                new TeamPaging(teamSession));
    }

    /** Builds an engine for a validated config; nothing runs and nothing is opened until {@link #start()}. */
    public static Engine create(KlaxonConfig config, Clock clock) {
        return create(config, clock, EngineOptions.defaults());
    }

    public static Engine create(KlaxonConfig config, Clock clock, EngineOptions options) {
        return new Engine(config, clock, options);
    }

    /**
     * Opens the outbox and the audit under {@code storage.dir}, resends what an earlier run left pending, connects to
     * NATS in the background (retrying forever) and starts processing. Returns at once.
     *
     * @throws dev.klaxon.nats.NatsSetupException when a NATS setting cannot be used (e.g. an unreadable secret)
     * @throws StorageException when the storage directory or one of its databases cannot be used (not a directory,
     *                          read-only, an empty or damaged file): the message names it, the OS reason and the fix
     * @throws StorageLock.StorageInUseException when another engine uses the same storage directory
     */
    public void start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            return;
        }
        Running parts = open();
        running = parts;
        parts.start();
        ingest.start();
    }

    private Running open() {
        Path dir = StorageFiles.ensureDirectory(config.storage().dir());
        StorageLock lock = StorageLock.acquire(dir);
        try {
            return new Running(dir, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private void readStoredSilences() {
        Path file = config.storage().dir().resolve("silences.db");
        if (!Files.exists(file)) {
            return;
        }
        try {
            StorageFiles.checkDatabase(file, "silences"); // SQLite would write a new schema over an empty file
        } catch (StorageException e) {
            LOG.warning("could not read the stored silences; explaining without them: " + e.getMessage());
            return;
        }
        try (Silences stored = new Silences(SilenceStore.open(file), silenceBook, clock)) {
            stored.reloadBook();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not read the stored silences; explaining without them", e);
        }
    }

    /** A team change worth a log line and an audit row (lease taken, lost, handed over; a degraded mode). */
    private void onTeamChange(String operator, String what, String detail) {
        LOG.info(what + ": " + detail);
        Running parts = running;
        if (parts != null) {
            parts.audit.recordAction(new OperatorAction(clock.instant(), operator, what, "team", true, detail));
        }
    }

    /** What this member's heartbeat tells the team about it. */
    private LocalFacts localFacts() {
        Running parts = running;
        if (parts == null) {
            return new LocalFacts("unknown", 0);
        }
        DeliveryStatus delivery = parts.deliveryStatus();
        return new LocalFacts(delivery.reachability().name().toLowerCase(java.util.Locale.ROOT),
                delivery.outbox().pending());
    }

    /** Called on the processing thread: what the guards did on their own goes to the outbox or the audit. */
    private void onGuardEvent(GuardEvent event) {
        Running parts = running;
        if (parts != null) {
            parts.onGuardEvent(event);
        }
    }

    /** The triggers flood state held back for one subject (bounded, in memory), oldest first. Any thread. */
    public List<HeldEvent> heldEvents(String subject) {
        return observingTeam() ? teamSession.floods().held(subject) : guards.held().of(subject);
    }

    /** Team mode, not the sender: floods and held triggers are the team's sender's, shown from its flood state. */
    private boolean observingTeam() {
        return teamSession != null && teamSession.observing();
    }

    /**
     * Sends what flood state held back for {@code subject} after all: committed to the outbox like any page, so the
     * routing key's budget still applies. Audited as {@code flood.release}.
     *
     * @return completes with how many were released
     */
    public CompletableFuture<Integer> releaseHeld(String subject) {
        if (observingTeam()) {
            Running parts = runningForAction();
            if (parts == null) {
                return notRunning();
            }
            // The sender holds them: it releases them once, however many consoles ask.
            return audited(parts, "flood.release", subject + " (all held, asked of the team's sender)",
                    teamSession.floods().requestRelease(subject, operator()), n -> n + " released by the sender");
        }
        return release(guards.held().takeAll(subject), subject + " (all held)");
    }

    /**
     * Sends what flood state held back for {@code subject} up to held id {@code upToId}: exactly what a person was
     * shown and confirmed (ids only grow), while triggers held since stay held. Audited as {@code flood.release}.
     *
     * @return completes with how many were released (fewer than confirmed when some went meanwhile)
     */
    public CompletableFuture<Integer> releaseHeld(String subject, long upToId) {
        if (observingTeam()) {
            Running parts = runningForAction();
            if (parts == null) {
                return notRunning();
            }
            return audited(parts, "flood.release", subject + " (held up to #" + upToId
                    + ", asked of the team's sender)", teamSession.floods().requestRelease(subject, operator(),
                    upToId), n -> n + " released by the sender");
        }
        return release(guards.held().takeUpTo(subject, upToId), subject + " (held up to #" + upToId + ")");
    }

    /** Sends one held trigger after all; completes with 0 when it is no longer held. */
    public CompletableFuture<Integer> releaseHeld(long heldId) {
        if (observingTeam()) {
            return CompletableFuture.failedFuture(new IllegalStateException("one held trigger is released on the "
                    + "team's sender; from this console, release all held for its subject"));
        }
        return release(guards.held().take(heldId), "held event " + heldId);
    }

    /** The team's sender acts on a release asked on another member: once, audited with who asked and where. */
    private void releaseForTeam(Running parts, SharedFloods.ReleaseRequest request) {
        List<HeldEvent> events = request.upToId() > 0 ? guards.held().takeUpTo(request.subject(), request.upToId())
                : guards.held().takeAll(request.subject());
        CompletableFuture<List<Long>> released = events.isEmpty() ? CompletableFuture.completedFuture(List.of())
                : parts.outboxSink.release(events);
        released.whenComplete((ids, failure) -> {
            int count = failure == null ? ids.size() : 0;
            if (count > 0) {
                released(new FloodRelease(request.subject(), count, request.by(), request.member(), clock.instant()));
            }
            parts.audit.recordAction(failure == null
                    ? new OperatorAction(clock.instant(), request.by(), "flood.release", request.subject()
                            + (request.upToId() > 0 ? " (held up to #" + request.upToId() + ", asked on "
                            : " (all held, asked on ") + request.member() + ")", true, count + " released")
                    : OperatorAction.failed(clock.instant(), request.by(), "flood.release", request.subject()
                            + " (asked on " + request.member() + ")", Failures.rootMessage(failure)));
            teamSession.floods().answer(request, count);
        });
    }

    private CompletableFuture<Integer> release(List<HeldEvent> events, String target) {
        Running parts = runningForAction();
        if (parts == null) {
            return notRunning();
        }
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        String subject = events.get(0).subject();
        return audited(parts, "flood.release", target, parts.outboxSink.release(events),
                ids -> ids.size() + " released").thenApply(ids -> {
                    released(new FloodRelease(subject, ids.size(), operator(), member(), clock.instant()));
                    return ids.size();
                });
    }

    /** Remembers a release for the Flood view (the last few; the audit keeps all). */
    private void released(FloodRelease release) {
        synchronized (releases) {
            releases.addFirst(release);
            while (releases.size() > RELEASES_KEPT) {
                releases.removeLast();
            }
        }
    }

    /** The last releases of held triggers, newest first: the team's sender's in team mode. Any thread. */
    public List<FloodRelease> floodReleases() {
        if (observingTeam()) {
            return teamSession.floods().releases();
        }
        synchronized (releases) {
            return List.copyOf(releases);
        }
    }

    private String member() {
        return teamSession == null ? TeamSession.memberId() : teamSession.member();
    }

    /** Subjects in flood state, with what each has held so far (refreshed every ~100 ms); the sender's in team mode. */
    public List<FloodStatus> floods() {
        return observingTeam() ? teamSession.floods().floods() : guards.floods();
    }

    /** A consistent-enough picture of counts, rates and connection state; cheap enough to call several times a second. */
    public EngineSnapshot snapshot() {
        return snapshot(stats.subjects());
    }

    /**
     * Like {@link #snapshot()} without the per-subject numbers (its subject list is empty), for per-second logging and
     * readiness. It still reads the outbox's counts from storage; {@link #flow()} is the one for a tight loop.
     */
    public EngineSnapshot summary() {
        return snapshot(List.of());
    }

    /** Counters only: what came in and how many were decided. Reads no storage; cheap to poll in a tight loop. */
    public EngineFlow flow() {
        long processed = 0;
        for (long count : stats.totals().values()) {
            processed += count;
        }
        return new EngineFlow(ingest.counters(queue.depth(), queue.capacity()), processed);
    }

    private EngineSnapshot snapshot(List<SubjectSnapshot> subjects) {
        Running parts = running;
        StorageStatus storage = parts == null ? StorageStatus.ok(options.outboxHold().events())
                : parts.storageStatus();
        return new EngineSnapshot(clock.instant(), ingest.status(), ingest.counters(queue.depth(), queue.capacity()),
                stats.totals(), stats.lastReasons(), subjects, stats.trackedSubjects(),
                parts == null ? null : parts.deliveryStatus(), storage.lost(), stats.severities(), storage,
                team.status(), stats.history(), lastReload);
    }

    /**
     * How many live messages each route decided since start, indexed like {@code config().routes()}. Counted before
     * silences, dedup and flood state, so a silenced message still counts for the rule that matched it. Any thread.
     */
    public long[] ruleHits() {
        return processor.ruleHits();
    }

    /** The recent messages of one subject, oldest first (bounded). Empty for an unknown subject. */
    public List<TailEntry> tail(String subject) {
        return stats.tail(subject);
    }

    /**
     * What the engine would decide for this message now, without counting it or sending anything. Before
     * {@link #start()} (as in {@code rules test}) the silences stored under {@code storage.dir} are read once, so the
     * answer includes them; dedup and flood state exist only while running.
     */
    public Decision explain(String subject, byte[] body, Map<String, List<String>> headers) {
        if (running == null && teamSession == null && storedSilencesRead.compareAndSet(false, true)) {
            readStoredSilences();
        }
        return guards.explain(processor.explain(new InboundMessage(subject, body, headers, clock.instant())));
    }

    /**
     * Registers a listener for connection state changes; called on an engine thread, only when the state changes.
     * The listener gets the current state at once. Listeners must return quickly.
     */
    public AutoCloseable onConnectionChange(Consumer<ConnectionStatus> listener) {
        return ingest.onStatusChange(listener);
    }

    /**
     * Searches the audit trail (forwarded events, operator actions, config loads). Reads the database: call it off
     * any UI thread. Empty before {@link #start()}.
     */
    public List<AuditRow> searchAudit(AuditQuery query) {
        Running parts = running;
        return parts == null ? List.of() : parts.audit.search(query);
    }

    /**
     * Checks the audit trail's hash chain (see {@code AuditLog.verifyChain}): reads the whole chain, about a second
     * per 100,000 rows, so call it off any UI thread. Empty before {@link #start()}.
     */
    public java.util.Optional<ChainVerification> verifyAudit() {
        Running parts = running;
        return parts == null ? java.util.Optional.empty() : java.util.Optional.of(parts.audit.verifyChain());
    }

    /** Records what an operator did (acknowledge, resolve, silence, ...); returns at once. */
    public void recordAction(OperatorAction action) {
        Running parts = running;
        if (parts != null) {
            parts.audit.recordAction(action);
        }
    }

    /** Who the audit names for actions taken through this engine: {@code pagerduty.from_email}, else the OS user. */
    public String operator() {
        return OperatorIdentity.of(config.pagerduty().fromEmail());
    }

    /**
     * Events PagerDuty refused for good (4xx), newest first, at most {@code limit}. Reads the outbox database: call
     * it off any UI thread. Empty before {@link #start()}.
     */
    public List<EventRecord> deadLetters(int limit) {
        Running parts = running;
        return parts == null ? List.of() : parts.outbox.deadLetters(limit);
    }

    /**
     * Sends a dead letter again, by hand: it becomes pending and due now, keeps its attempt history, and takes its
     * place in its dedup_key's order again. The action is audited under {@link #operator()}, also when it fails.
     * Goes through this engine because it is the outbox's only writer.
     *
     * @return completes when the outbox has committed the change; fails when {@code id} is not a dead letter
     */
    public CompletableFuture<Void> resendDeadLetter(long id) {
        Running parts = runningForAction();
        if (parts == null) {
            return notRunning();
        }
        return audited(parts, "outbox.resend", "outbox event " + id, parts.outbox.requeue(id), ignored -> null)
                .thenRun(parts.delivery::wake);
    }

    /**
     * The exact event a manual escalation of this message would send (routing key masked), for the operator to check
     * before sending. Any thread.
     *
     * @throws IllegalArgumentException when the message cannot be decoded
     */
    public RenderedEvent previewEscalation(String subject, byte[] body, Map<String, List<String>> headers,
                                           SecretRef routingKey, Severity severity) {
        return escalation.render(new InboundMessage(subject, body, headers, clock.instant()), routingKey, severity);
    }

    /**
     * Forces one message to PagerDuty through the outbox (durable, in order, within the routing key's budget), past
     * log rules, silences, dedup and flood state. Audited as {@code escalate} under {@link #operator()}.
     *
     * @return completes with the outbox id once committed; fails when the message cannot be decoded
     */
    public CompletableFuture<Long> escalate(String subject, byte[] body, Map<String, List<String>> headers,
                                            SecretRef routingKey, Severity severity) {
        Running parts = runningForAction();
        if (parts == null) {
            return notRunning();
        }
        String target = subject + " to " + routingKey.stored() + " as " + severity.wire();
        RenderedEvent event;
        try {
            event = previewEscalation(subject, body, headers, routingKey, severity);
        } catch (IllegalArgumentException e) {
            return audited(parts, "escalate", target, CompletableFuture.failedFuture(e), ignored -> null);
        }
        return audited(parts, "escalate", target, parts.outboxSink.escalate(subject,
                ManualEscalation.RULE_LABEL + " by " + operator(), routingKey.stored(), event.body(),
                clock.instant()), ids -> "dedup_key " + event.dedupKey()).thenApply(ids -> ids.get(0));
    }

    /** Every silence, newest first, with its state inputs and matches so far. Empty before {@link #start()}. */
    public CompletableFuture<List<SilenceRecord>> silences() {
        Running parts = running;
        return parts == null ? CompletableFuture.completedFuture(List.of()) : parts.later(parts.silences::list);
    }

    /**
     * A dry run of {@code candidate}'s rules over the last {@code since} of the team's stream, next to this engine's
     * own config, on a thread of its own (minutes of history can take seconds). Never sends, never acknowledges.
     *
     * @param progress  told the number of messages replayed so far, on the replay's thread
     * @param cancelled checked between messages
     * @return the report, or fails (not in team mode, not connected, the stream cannot be read, cancelled)
     */
    public CompletableFuture<ReplayReport> replayHistory(KlaxonConfig candidate, Duration since,
                                                         LongConsumer progress, BooleanSupplier cancelled) {
        Running parts = running;
        return historyReads.replay(candidate, since, from -> parts == null ? AuditedPages.none()
                : AuditedPages.read(parts.audit, from), progress, cancelled);
    }

    /**
     * Team mode: up to {@code limit} messages of {@code subject} stored before {@code beforeSequence}, read back from
     * the stream and shown with the decision they would get now (never counted, never paged), oldest first.
     *
     * @param before the stored (or received) time of the message at {@code beforeSequence}
     */
    public CompletableFuture<List<TailEntry>> olderMessages(String subject, long beforeSequence, Instant before,
                                                            int limit) {
        return historyReads.older(subject, beforeSequence, before, limit);
    }

    /** Where silences are kept, in words: this laptop's {@code silences.db}, or the team's KV bucket. */
    public String silencesWhere() {
        return teamSession == null ? "silences.db" : teamSession.silences().where();
    }

    /** Silences from now (or the request's start) for its duration; audited as {@code silence.add}. */
    public CompletableFuture<Silence> addSilence(SilenceRequest request) {
        return silenceAction("silence.add", request.pattern().text(), parts -> {
            Silence silence = parts.silences.add(request, operator());
            return new ActionResult<>(silence, silence.label() + " until " + silence.endsAt()
                    + (request.reason().isEmpty() ? "" : ": " + request.reason()));
        });
    }

    /**
     * Ends a silence now; audited as {@code silence.expire}. Fails when it does not exist or already ended, or (team
     * mode) when someone changed it after {@code seenRevision} ({@link SilenceStorage#ANY_REVISION}: whatever it is).
     */
    public CompletableFuture<Boolean> expireSilence(long id, long seenRevision) {
        return silenceAction("silence.expire", "silence #" + id, parts -> {
            if (!parts.silences.expire(id, seenRevision, operator())) {
                throw new IllegalArgumentException("silence #" + id + " does not exist or has already ended");
            }
            return new ActionResult<>(true, null);
        });
    }

    /** Moves the end of a silence that has not ended; audited as {@code silence.extend}. As expire, for conflicts. */
    public CompletableFuture<Boolean> extendSilence(long id, Instant newEnd, long seenRevision) {
        return silenceAction("silence.extend", "silence #" + id, parts -> {
            if (!parts.silences.extend(id, newEnd, seenRevision, operator())) {
                throw new IllegalArgumentException("silence #" + id + " does not exist or has already ended");
            }
            return new ActionResult<>(true, "until " + newEnd);
        });
    }

    /**
     * Team mode: the silences in this laptop's {@code silences.db} that have not ended, which the team does not see
     * until they are {@link #shareLocalSilences() shared}. Empty in core mode.
     */
    public CompletableFuture<List<SilenceRecord>> unsharedSilences() {
        Running parts = running;
        if (parts == null || parts.localSilences == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        return parts.later(() -> LocalSilences.unended(parts.localSilences, clock.instant()));
    }

    /**
     * Team mode: moves this laptop's silences that have not ended into the team's, each ended here once the team
     * has it (so a failure half way leaves none twice); audited as {@code silence.share}.
     */
    public CompletableFuture<Integer> shareLocalSilences() {
        return silenceAction("silence.share", "silences.db", parts -> {
            if (parts.localSilences == null || teamSession == null) {
                throw new IllegalStateException("not in team mode: silences.db is the only place silences live");
            }
            int moved = LocalSilences.moveInto(parts.localSilences, teamSession.silences(), teamSession.member(),
                    operator(), clock.instant());
            parts.silences.reloadBook();
            return new ActionResult<>(moved, moved + " silence(s) moved from silences.db into the team's");
        });
    }

    private record ActionResult<T>(T value, String detail) {
    }

    private <T> CompletableFuture<T> silenceAction(String what, String target,
                                                   java.util.function.Function<Running, ActionResult<T>> work) {
        Running parts = runningForAction();
        if (parts == null) {
            return notRunning();
        }
        return audited(parts, what, target, parts.later(() -> work.apply(parts)), ActionResult::detail)
                .thenApply(ActionResult::value);
    }

    /** The running parts, or null when an operator action cannot be taken now (not started, or closed). */
    private Running runningForAction() {
        Running parts = running;
        return parts == null || closed.get() ? null : parts;
    }

    private static <T> CompletableFuture<T> notRunning() {
        return CompletableFuture.failedFuture(new IllegalStateException("the engine is not running"));
    }

    /** Audits an operator action when its work completes: with {@code detail} on success, else with the reason. */
    private <T> CompletableFuture<T> audited(Running parts, String what, String target, CompletableFuture<T> work,
                                             java.util.function.Function<T, String> detail) {
        return work.whenComplete((value, failure) -> parts.audit.recordAction(failure == null
                ? new OperatorAction(clock.instant(), operator(), what, target, true, detail.apply(value))
                : OperatorAction.failed(clock.instant(), operator(), what, target, Failures.rootMessage(failure))));
    }

    /** The team: who sends, its members, and handing the sender role over. Core mode says there is none. */
    public TeamControl team() {
        return team;
    }

    public KlaxonConfig config() {
        return config;
    }

    /**
     * Reads the config again with {@code reader} and, when it is valid and its secrets can be read, decides by its
     * routes and guards from the next message on: no message is dropped or decided by half of each config, and the
     * guards keep what they know (see {@link PagerGuards#reconfigure}). A config that does not load keeps the
     * running one. NATS, PagerDuty and storage settings take effect at the next start; the result names those that
     * changed. Logged, audited (a config row) and told to {@link #onReload} listeners. Blocks while the file is
     * read: call it off any UI thread. Routing keys given by file are read at every send, so rotating one needs no
     * reload; signature secrets are read again by a reload.
     */
    public ReloadResult reload(ConfigReader reader) {
        synchronized (reloading) {
            ReloadResult result = tryReload(reader);
            lastReload = result;
            if (result.applied()) {
                LOG.info(result.describe());
            } else {
                LOG.warning(result.describe());
            }
            Running parts = running;
            if (parts != null) {
                parts.recordReload(result);
            }
            for (Consumer<ReloadResult> listener : reloadListeners) {
                try {
                    listener.accept(result);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a reload listener failed", e);
                }
            }
            return result;
        }
    }

    /** Tells {@code listener} every reload's result, on the thread that reloaded. Close to stop. */
    public AutoCloseable onReload(Consumer<ReloadResult> listener) {
        reloadListeners.add(listener);
        return () -> reloadListeners.remove(listener);
    }

    private ReloadResult tryReload(ConfigReader reader) {
        KlaxonConfig current = config;
        KlaxonConfig candidate;
        try {
            candidate = reader.read();
        } catch (ConfigException e) {
            return refused(current.source(), rendered(e.errors()));
        }
        List<dev.klaxon.config.ConfigError> problems = dev.klaxon.delivery.RoutingKeyPreflight.check(candidate,
                options.environment());
        if (!problems.isEmpty()) {
            return refused(candidate.source(), rendered(problems));
        }
        Running parts = running;
        if (parts != null && parts.acceptedSignatures == null) {
            for (dev.klaxon.route.RouteRule rule : candidate.routes()) {
                if (rule.signatureSecret() != null) {
                    return refused(candidate.source(), rule.label() + " (line " + rule.line() + ") now requires a "
                            + "signature: restart to turn signature checks on, with their replay memory");
                }
            }
        }
        List<String> kept = new ArrayList<>();
        if (!candidate.nats().equals(current.nats())) {
            kept.add("nats");
        }
        if (!candidate.pagerduty().equals(current.pagerduty())) {
            kept.add("pagerduty");
        }
        if (!candidate.storage().equals(current.storage())) {
            kept.add("storage");
        }
        Runnable swap = () -> {
            processor.reroute(candidate.routes());
            guards.reconfigure(candidate.guards(), clock.instant());
        };
        try {
            if (parts != null && !closed.get()) {
                parts.loop.betweenMessages(swap).get(RELOAD_WAIT_SECONDS, TimeUnit.SECONDS);
            } else {
                swap.run();
            }
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warning("the processing thread takes the new config once it is free (busy for over "
                    + RELOAD_WAIT_SECONDS + " s)");
        } catch (java.util.concurrent.ExecutionException e) {
            return refused(candidate.source(), "could not apply: " + Failures.rootMessage(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refused(candidate.source(), "interrupted while applying");
        }
        config = new KlaxonConfig(current.nats(), current.pagerduty(), current.storage(), candidate.routes(),
                candidate.guards(), candidate.source());
        return new ReloadResult(clock.instant(), candidate.source(), true, candidate.routes().size()
                + " route(s)" + (candidate.guards().shadowAll() ? ", guards.shadow on" : ""), kept);
    }

    /** The errors on one line each joined by "; ", as a banner or a log line shows them: the file is the source. */
    private static String rendered(List<dev.klaxon.config.ConfigError> errors) {
        return String.join("; ", errors.stream().map(dev.klaxon.config.ConfigError::render).toList());
    }

    private ReloadResult refused(java.nio.file.Path source, String why) {
        return new ReloadResult(clock.instant(), source, false, why, List.of());
    }

    /**
     * Stops ingest, finishes what is queued (committing its events), stops delivery and closes the databases.
     * Events still pending stay in the outbox for the next start. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // The lease first, while the connection is up: the next sender need not wait for it to expire.
        if (teamSession != null) {
            teamSession.close();
        }
        // Ingest next: its close drains what the client already buffered into the queue.
        ingest.close();
        historyReads.close();
        Running parts = running;
        if (parts != null) {
            parts.close();
        }
    }

    /** The parts with threads or open files, which exist only between start and close. */
    private final class Running {
        private final StorageLock lock;
        private final AuditLog audit;
        private final Outbox outbox;
        private final Silences silences;
        /** Team mode: this laptop's own silences, kept only to offer moving them into the team's. */
        private final SilenceStore localSilences;
        /** Signatures accepted in the window, to refuse replays; null when no route requires a signature. */
        private final AcceptedSignatures acceptedSignatures;
        private final DeliveryService delivery;
        private final CommitQueue commits;
        private final OutboxSink outboxSink;
        private final ProcessingLoop loop;
        private final Thread worker;
        private final AuditCounts auditCounts;
        private final ScheduledExecutorService housekeeping;
        /** Delivery as it was at close: the databases are closed by then, a snapshot still answers. */
        private volatile DeliveryStatus statusAtClose;
        /** Team mode: what the previous sender held and this one has not yet held again. */
        private volatile SharedFloods.Inheritance untaken;

        /** Opens the databases under {@code dir}, which {@code lock} holds for this engine. */
        Running(Path dir, StorageLock lock) {
            this.lock = lock;
            List<AutoCloseable> opened = new ArrayList<>();
            try {
                this.audit = opened(opened, AuditLog.open(dir.resolve("audit.db"), clock,
                        AuditSettings.defaults().withRetention(config.storage().auditRetention()),
                        AuditChainKey.configured(config.storage().auditChainKeyFile())));
                this.outbox = opened(opened, Outbox.open(dir.resolve("outbox.db"), clock));
                Path silencesFile = dir.resolve("silences.db");
                StorageFiles.checkDatabase(silencesFile, "silences");
                SilenceStore local = opened(opened, SilenceStore.open(silencesFile));
                StorageFiles.restrictToOwner(silencesFile); // SQLite creates it with the umask, 0644 usually
                this.localSilences = teamSession == null ? null : local;
                this.silences = opened(opened, new Silences(teamSession == null ? local : teamSession.silences(),
                        silenceBook, clock));
                silences.refresh(pattern -> false);
                this.acceptedSignatures = processor.checksSignatures()
                        ? opened(opened, openAcceptedSignatures(dir.resolve("signatures.db"))) : null;
            } catch (RuntimeException e) {
                // A later file failing must not leave the earlier ones open, with their threads running.
                for (int i = opened.size() - 1; i >= 0; i--) {
                    closeQuietly(opened.get(i), e);
                }
                throw e;
            }
            recordConfigLoad(audit, config);
            this.delivery = Delivery.service(config, clock, options, outbox, audit);
            this.commits = new CommitQueue(outbox, options.outboxHold(), delivery::wake);
            TeamPaging teamPaging = new TeamPaging(teamSession);
            this.outboxSink = new OutboxSink(commits, decoder.mapper(), dir.resolve("outbox.db"),
                    teamPaging);
            this.loop = new ProcessingLoop(queue, processor, guards, outboxSink::commit, stats,
                    clock, teamPaging, acceptedSignatures);
            if (teamSession != null) {
                delivery.gate(new UnsentTriggers(teamSession, guards));
            }
            this.worker = new Thread(loop, "klaxon-engine");
            this.worker.setDaemon(true);
            this.auditCounts = new AuditCounts(stats, audit, clock);
            this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "klaxon-housekeeping");
                thread.setDaemon(true);
                return thread;
            });
        }

        /** Refused when damaged, like the other databases: a silent fresh start would forget what a replay needs. */
        private AcceptedSignatures openAcceptedSignatures(Path file) {
            StorageFiles.checkDatabase(file, "accepted signatures");
            AcceptedSignatureStore store = AcceptedSignatureStore.open(file);
            try {
                StorageFiles.restrictToOwner(file);
                return AcceptedSignatures.open(store, clock, AcceptedSignatures.DEFAULT_CAPACITY);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }

        private static <T extends AutoCloseable> T opened(List<AutoCloseable> opened, T resource) {
            opened.add(resource);
            return resource;
        }

        private static void closeQuietly(AutoCloseable resource, RuntimeException failure) {
            try {
                resource.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }

        void recordReload(ReloadResult result) {
            if (result.source() == null) {
                return;
            }
            String sha = "";
            try {
                sha = AuditLog.sha256(RegularFiles.read(result.source(), ConfigLoader.MAX_FILE_SIZE, "a config file"));
            } catch (RegularFiles.RefusedFileException e) {
                // the row still says what happened; the checksum is only for an auditor's comparison
            }
            audit.recordConfigLoad(result.source(), sha, result.applied(), result.describe());
        }

        private static void recordConfigLoad(AuditLog audit, KlaxonConfig config) {
            if (config.source() == null) {
                return;
            }
            try {
                // Read with the loader's checks: the file may have become a FIFO or a huge file since it was loaded.
                byte[] content = RegularFiles.read(config.source(), ConfigLoader.MAX_FILE_SIZE, "a config file");
                audit.recordConfigLoad(config.source(), AuditLog.sha256(content), true,
                        config.routes().size() + " route(s), subjects " + config.nats().subjects());
            } catch (RegularFiles.RefusedFileException e) {
                audit.recordConfigLoad(config.source(), "", true, "loaded, but could not be read again for "
                        + "its checksum: " + e.getMessage());
            }
        }

        void start() {
            worker.start();
            AuditCatchUp.run(outbox, audit); // before sending: what a killed run sent but never audited
            delivery.start();
            if (teamSession != null) {
                teamSession.start();
            }
            housekeeping.scheduleWithFixedDelay(this::recordAuditCounts, AUDIT_INTERVAL_SECONDS, AUDIT_INTERVAL_SECONDS,
                    TimeUnit.SECONDS);
            housekeeping.scheduleWithFixedDelay(this::refreshSilences, SILENCE_REFRESH_MILLIS, SILENCE_REFRESH_MILLIS,
                    TimeUnit.MILLISECONDS);
            housekeeping.scheduleWithFixedDelay(this::pruneOutbox, 0, OUTBOX_PRUNE_INTERVAL_MINUTES, TimeUnit.MINUTES);
            if (localSilences != null) {
                housekeeping.execute(this::sayWhatIsNotShared);
            }
            if (teamSession != null) {
                teamSession.floods().onRelease(request -> {
                    if (teamSession.sending()) {
                        housekeeping.execute(() -> releaseForTeam(this, request));
                    }
                });
                teamSession.floods().onTakeOver(inheritance -> {
                    untaken = inheritance; // shared on until held here, so a crash meanwhile loses none of them
                    housekeeping.execute(this::takeOverHeld);
                });
                housekeeping.scheduleWithFixedDelay(this::shareFloods, 1, 1, TimeUnit.SECONDS);
            }
        }

        /** The sender writes what it holds, so every console shows the same floods. */
        private void shareFloods() {
            if (!teamSession.sending()) {
                return;
            }
            if (untaken != null) {
                takeOverHeld();
            }
            Map<String, List<Long>> sequences = guards.held().sequencesBySubject();
            SharedFloods.Inheritance pending = untaken;
            if (pending != null) {
                pending.sequences().forEach((subject, listed) -> {
                    java.util.Set<Long> merged = new java.util.TreeSet<>(listed);
                    merged.addAll(sequences.getOrDefault(subject, List.of()));
                    sequences.put(subject, List.copyOf(merged));
                });
            }
            teamSession.floods().publish(guards.floods(), guards.held().bySubject(SharedFloods.HELD_LISTED),
                    sequences, floodReleases(), clock.instant());
        }

        /** This member became the sender: what the last sender held is held here again, read back from the stream. */
        private void takeOverHeld() {
            SharedFloods.Inheritance inheritance = untaken;
            StreamHistory history = teamSession.history();
            if (inheritance == null || history == null || !teamSession.sending()) {
                return;
            }
            try {
                HeldTakeOver.Result result = new HeldTakeOver(processor, guards.held()).takeOver(inheritance, history);
                untaken = null;
                String words = result.words(inheritance.sender());
                LOG.info("team: " + words);
                audit.recordAction(new OperatorAction(clock.instant(), AUTOMATIC, "flood.take-over", "team", true,
                        words));
            } catch (IOException e) {
                LOG.warning("team: could not yet hold again the " + inheritance.count() + " trigger(s) "
                        + inheritance.sender() + " held (" + e.getMessage() + "); they stay in the team's flood "
                        + "state and are tried again in a second");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Team mode: this laptop's own silences no longer count; the person decides whether to move them. */
        private void sayWhatIsNotShared() {
            try {
                int unshared = LocalSilences.unended(localSilences, clock.instant()).size();
                if (unshared > 0) {
                    LOG.warning(unshared + " silence(s) in silences.db have not ended and are not the team's: in team "
                            + "mode only the team's silences count. Move them with: klaxon-bridge silence share "
                            + "(or Move them to the team in the console's Silences view)");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not read silences.db to offer moving its silences to the team", e);
            }
        }

        /** Runs {@code work} on the housekeeping thread, so a caller on a UI thread never waits on a database. */
        <T> CompletableFuture<T> later(java.util.function.Supplier<T> work) {
            return CompletableFuture.supplyAsync(work, housekeeping);
        }

        private void refreshSilences() {
            try {
                silences.refresh(this::firing);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not refresh the silences; trying again shortly", e);
            }
        }

        /** A subject matching the pattern received something in the last minute. */
        private boolean firing(SubjectPattern pattern) {
            for (SubjectSnapshot subject : stats.subjects()) {
                if (subject.rate1m() > 0 && pattern.matches(subject.subject())) {
                    return true;
                }
            }
            return false;
        }

        private void pruneOutbox() {
            outbox.pruneDelivered(clock.instant().minus(DELIVERED_KEPT)).whenComplete((deleted, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, "could not prune delivered events from the outbox; trying again later",
                            failure);
                }
            });
        }

        private void recordAuditCounts() {
            try {
                auditCounts.record();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not hand counts to the audit; trying again next time", e);
            }
        }

        void onGuardEvent(GuardEvent event) {
            if (event instanceof GuardEvent.Coalesced coalesced) {
                if (!guards.shadowAll()) {
                    outboxSink.acceptCoalesced(coalesced);
                }
            } else if (event instanceof GuardEvent.FloodStarted started) {
                LOG.warning(started.subject() + " entered flood state (over " + started.threshold().count() + " per "
                        + started.threshold().window().toSeconds() + " s): holding its triggers, sending one "
                        + "coalesced event per window");
                audit.recordAction(new OperatorAction(started.at(), AUTOMATIC, "flood.start", started.subject(),
                        true, "over " + started.threshold().count() + " per "
                        + started.threshold().window().toSeconds() + " s"));
            } else if (event instanceof GuardEvent.FloodEnded ended) {
                LOG.info(ended.subject() + " left flood state after holding " + ended.held() + " trigger(s)");
                audit.recordAction(new OperatorAction(ended.at(), AUTOMATIC, "flood.end", ended.subject(), true,
                        ended.held() + " held over the whole flood"));
            }
        }

        /** The outbox's and the audit's health (the worse of the two) with what waits in memory and was lost. */
        StorageStatus storageStatus() {
            StorageHealth.Reading worst = outbox.health().worse(audit.health());
            return new StorageStatus(worst.state(), worst.since(), worst.problem(), commits.held(),
                    commits.limit().events(), commits.lost(), audit.refusedWrites() + audit.failedWrites());
        }

        DeliveryStatus deliveryStatus() {
            DeliveryStatus closed = statusAtClose;
            return closed != null ? closed : delivery.status();
        }

        void close() {
            try {
                loop.stop(CLOSE_TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // The timer stops before the last reading so the two never run at once.
            housekeeping.shutdownNow();
            try {
                housekeeping.awaitTermination(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            recordAuditCounts();
            commits.close(); // after the loop, which may still have offered events: what waits gets a last try
            delivery.close();
            statusAtClose = delivery.status();
            outbox.close();
            silences.close();
            if (localSilences != null) {
                localSilences.close();
            }
            if (acceptedSignatures != null) {
                acceptedSignatures.close();
            }
            audit.close();
            lock.close();
        }
    }
}
