package dev.klaxon.incidents;

import dev.klaxon.audit.OperatorAction;
import dev.klaxon.config.DurationText;
import dev.klaxon.config.PagerDutyConfig;
import dev.klaxon.pagerduty.rest.ApiToken;
import dev.klaxon.pagerduty.rest.IncidentAlert;
import dev.klaxon.pagerduty.rest.IncidentNote;
import dev.klaxon.pagerduty.rest.IncidentStatus;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import dev.klaxon.pagerduty.rest.Listing;
import dev.klaxon.pagerduty.rest.OnCall;
import dev.klaxon.pagerduty.rest.PagerDutyRestClient;
import dev.klaxon.pagerduty.rest.RestResult;
import dev.klaxon.pagerduty.rest.ServiceSummary;
import dev.klaxon.secret.SecretRef;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * PagerDuty incidents for the console: polls the open ones and who is on call for them, maps forwarded dedup_keys to
 * them, and acknowledges, resolves, escalates, snoozes and annotates them on an operator's word.
 *
 * <p>Everything that talks to PagerDuty runs on the desk's one daemon thread, polls and actions alike: PagerDuty asks
 * for serial requests per token, and one thread owns all mutable state. Callers get immutable {@link DeskSnapshot}s
 * and futures. Rate limits are honoured: after a 429 nothing is sent until PagerDuty's reset time, and a low
 * {@code ratelimit-remaining} slows polling down.
 *
 * <p>The API token is resolved on the desk's thread and lives only inside the REST client.
 */
public final class IncidentDesk implements AutoCloseable {
    static final int MAX_DEDUP_KEYS = 5_000;
    /** PagerDuty's own bound for a snooze (REST spec: duration 1 to 604800 seconds). */
    public static final Duration MAX_SNOOZE = Duration.ofDays(7);
    /** A note is for people to read on the incident's timeline; a pasted log belongs elsewhere. */
    public static final int MAX_NOTE_CHARS = 10_000;
    /** An open incident on a service not seen before asks for on-calls again, but not more often than this. */
    static final Duration ON_CALL_RETRY = Duration.ofMinutes(1);
    private static final List<IncidentStatus> OPEN = List.of(IncidentStatus.TRIGGERED, IncidentStatus.ACKNOWLEDGED);
    private static final Logger LOG = Logger.getLogger(IncidentDesk.class.getName());

    private final PagerDutyConfig config;
    private final UnaryOperator<String> environment;
    private final Clock clock;
    private final Consumer<OperatorAction> audit;
    private final String operator;
    private final DeskTiming timing;
    private final PollPacing pacing;
    private final ScheduledExecutorService thread;
    /** Futures handed out and not completed yet: closing fails them rather than leaving a caller waiting forever. */
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile DeskSnapshot snapshot;

    // Desk thread only.
    private final AlertKeyIndex keys = new AlertKeyIndex(MAX_DEDUP_KEYS);
    private PagerDutyRestClient client;
    private Instant nextPollAt;
    private Instant limitedUntil;
    private int failures;
    private OnCalls onCalls = OnCalls.none();
    private Instant onCallsReadAt;

    /**
     * @param audit    where each action is recorded, one {@link OperatorAction} per incident
     *                 ({@code engine::recordAction})
     * @param operator who the audit names ({@code engine.operator()})
     */
    public IncidentDesk(PagerDutyConfig config, UnaryOperator<String> environment, Clock clock,
                        Consumer<OperatorAction> audit, String operator) {
        this(config, environment, clock, audit, operator, DeskTiming.defaults());
    }

    public IncidentDesk(PagerDutyConfig config, UnaryOperator<String> environment, Clock clock,
                        Consumer<OperatorAction> audit, String operator, DeskTiming timing) {
        this.config = Objects.requireNonNull(config, "config");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.operator = Objects.requireNonNull(operator, "operator");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.pacing = new PollPacing(timing.pollPeriod());
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread worker = new Thread(runnable, "klaxon-incidents");
            worker.setDaemon(true);
            return worker;
        });
        this.snapshot = config.apiToken() == null ? DeskSnapshot.of(DeskState.NOT_CONFIGURED, notConfigured())
                : DeskSnapshot.of(DeskState.STARTING, "Loading incidents from PagerDuty…");
    }

    private static String notConfigured() {
        return "No PagerDuty REST API token configured: set pagerduty.api_token_env (or pagerduty.api_token_file) "
                + "to see and act on incidents here. Alerts are still forwarded.";
    }

    /** Resolves the token and starts polling. Returns at once; a second call does nothing. */
    public void start() {
        if (config.apiToken() == null || !started.compareAndSet(false, true)) {
            return;
        }
        thread.execute(this::connect);
        long tick = timing.tick().toMillis();
        thread.scheduleWithFixedDelay(this::pollIfDue, tick, tick, TimeUnit.MILLISECONDS);
    }

    public DeskSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Reads the API token again (it was rotated: a config reload) and polls with it; completes with the snapshot
     * after that. Nothing happens for a desk without a token or not started.
     */
    public CompletableFuture<DeskSnapshot> readTokenAgain() {
        if (config.apiToken() == null || !started.get()) {
            return CompletableFuture.completedFuture(snapshot);
        }
        return submit(() -> {
            connect();
            return snapshot;
        });
    }

    /** Polls now unless PagerDuty asked us to wait; completes with the snapshot after that. */
    public CompletableFuture<DeskSnapshot> refreshNow() {
        return submit(() -> {
            nextPollAt = clock.instant();
            pollIfDue();
            return snapshot;
        });
    }

    /** One incident through {@code PUT /incidents/{id}}, several through the bulk {@code PUT /incidents}. */
    public CompletableFuture<ActionResult> acknowledge(List<String> incidentIds) {
        List<String> ids = distinct(incidentIds);
        return act("incident.acknowledge", ids, c -> ids.size() == 1
                ? one(ids.get(0), c.acknowledge(ids.get(0)), "acknowledged")
                : bulk(ids, c.bulkAcknowledge(ids), "acknowledged"));
    }

    /** @param note the resolution note PagerDuty keeps with each incident; null or blank for none */
    public CompletableFuture<ActionResult> resolve(List<String> incidentIds, String note) {
        List<String> ids = distinct(incidentIds);
        return act("incident.resolve", ids, c -> ids.size() == 1
                ? one(ids.get(0), c.resolve(ids.get(0), note), "resolved")
                : bulk(ids, c.bulkResolve(ids, note), "resolved"));
    }

    /** @param level the escalation level to move to; 1 is the policy's first */
    public CompletableFuture<ActionResult> escalate(String incidentId, int level) {
        if (level < 1) {
            throw new IllegalArgumentException("escalation level must be at least 1, was " + level);
        }
        return act("incident.escalate", List.of(incidentId),
                c -> one(incidentId, c.escalate(incidentId, level), "escalated to level " + level));
    }

    /**
     * Snoozes one incident. PagerDuty snoozes acknowledged incidents only (support article "Snooze an Incident"; the
     * REST spec is silent), so an incident last seen triggered is refused here, in words, without a call.
     *
     * @param duration 1 second to 7 days, whole seconds
     */
    public CompletableFuture<ActionResult> snooze(String incidentId, Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 1 || seconds > MAX_SNOOZE.toSeconds()) {
            throw new IllegalArgumentException("snooze must be between 1 second and 7 days, was " + duration);
        }
        return act("incident.snooze", List.of(incidentId), c -> {
            String notAcknowledged = snapshot.incident(incidentId)
                    .filter(incident -> IncidentStatus.TRIGGERED.wire().equals(incident.status()))
                    .map(incident -> "PagerDuty only snoozes acknowledged incidents: acknowledge #"
                            + incident.number() + " first")
                    .orElse(null);
            if (notAcknowledged != null) {
                return List.of(new ActionResult.Outcome(incidentId, false, notAcknowledged));
            }
            return one(incidentId, c.snooze(incidentId, Duration.ofSeconds(seconds)),
                    "snoozed for " + DurationText.format(Duration.ofSeconds(seconds)));
        });
    }

    /** Adds a note to one incident's timeline on PagerDuty. */
    public CompletableFuture<ActionResult> addNote(String incidentId, String content) {
        String note = content == null ? "" : content.strip();
        if (note.isEmpty()) {
            throw new IllegalArgumentException("the note is empty");
        }
        if (note.length() > MAX_NOTE_CHARS) {
            throw new IllegalArgumentException("the note is longer than " + MAX_NOTE_CHARS + " characters");
        }
        return act("incident.note", List.of(incidentId), c -> {
            RestResult<IncidentNote> result = c.addNote(incidentId, note);
            if (result instanceof RestResult.Failure<IncidentNote> failure) {
                noteRateLimit(failure);
                return List.of(new ActionResult.Outcome(incidentId, false, failure.message()));
            }
            return List.of(new ActionResult.Outcome(incidentId, true, "note added"));
        });
    }

    @Override
    public void close() {
        thread.shutdownNow();
        for (CompletableFuture<?> future : pending) {
            future.completeExceptionally(new IllegalStateException("the incident desk was closed"));
        }
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- desk thread ----

    private interface Call {
        List<ActionResult.Outcome> run(PagerDutyRestClient client) throws InterruptedException;
    }

    private interface Work<T> {
        T run() throws InterruptedException;
    }

    private <T> CompletableFuture<T> submit(Work<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        pending.add(result);
        result.whenComplete((value, failure) -> pending.remove(result));
        try {
            thread.execute(() -> {
                try {
                    result.complete(work.run());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    result.completeExceptionally(e);
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the incident desk is closed"));
        }
        return result;
    }

    private CompletableFuture<ActionResult> act(String action, List<String> ids, Call call) {
        return submit(() -> {
            List<ActionResult.Outcome> outcomes;
            String refusal = refusal();
            if (refusal != null) {
                outcomes = ids.stream().map(id -> new ActionResult.Outcome(id, false, refusal)).toList();
            } else {
                outcomes = call.run(client);
            }
            Instant at = clock.instant();
            for (ActionResult.Outcome outcome : outcomes) {
                audit.accept(outcome.ok()
                        ? new OperatorAction(at, operator, action, outcome.incidentId(), true, outcome.message())
                        : OperatorAction.failed(at, operator, action, outcome.incidentId(), outcome.message()));
            }
            if (refusal == null) {
                nextPollAt = clock.instant();
                pollIfDue();
            }
            return new ActionResult(action, outcomes);
        });
    }

    /** Why no call may be made now, or null when one may. */
    private String refusal() {
        if (client == null) {
            return snapshot.message();
        }
        Instant now = clock.instant();
        if (limitedUntil != null && now.isBefore(limitedUntil)) {
            return "rate limited by PagerDuty, retry in " + secondsUntil(limitedUntil, now) + "s";
        }
        return null;
    }

    private List<ActionResult.Outcome> one(String id, RestResult<IncidentSummary> result, String done) {
        if (result instanceof RestResult.Failure<IncidentSummary> failure) {
            noteRateLimit(failure);
            return List.of(new ActionResult.Outcome(id, false, failure.message()));
        }
        return List.of(new ActionResult.Outcome(id, true, done));
    }

    private List<ActionResult.Outcome> bulk(List<String> ids, RestResult<List<IncidentSummary>> result, String done) {
        if (result instanceof RestResult.Failure<List<IncidentSummary>> failure) {
            noteRateLimit(failure);
            // The bulk call stops at its first failed chunk and PagerDuty does not say which incident it refused.
            return ids.stream().map(id -> new ActionResult.Outcome(id, false, failure.message())).toList();
        }
        return ids.stream().map(id -> new ActionResult.Outcome(id, true, done)).toList();
    }

    private void connect() {
        SecretRef ref = config.apiToken();
        String key = ref.source() == SecretRef.Source.ENV ? "pagerduty.api_token_env" : "pagerduty.api_token_file";
        try {
            ApiToken token = ApiToken.of(ref.resolve(environment));
            client = new PagerDutyRestClient(config.apiUrl(), token, config.fromEmail(), HttpClient.newHttpClient(),
                    config.delivery().requestTimeout(), clock);
            nextPollAt = clock.instant();
            pollIfDue();
        } catch (SecretRef.SecretUnavailableException | IllegalArgumentException e) {
            // Both messages name where the token was looked for, never its value.
            snapshot = DeskSnapshot.of(DeskState.NOT_CONFIGURED, "Cannot read the PagerDuty REST API token ("
                    + key + "): " + e.getMessage() + ". Incidents are not shown; alerts are still forwarded.");
        }
    }

    private void pollIfDue() {
        try {
            Instant now = clock.instant();
            if (client == null || nextPollAt == null || now.isBefore(nextPollAt)
                    || (limitedUntil != null && now.isBefore(limitedUntil))) {
                return;
            }
            poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The desk thread must survive anything one poll does; the next tick tries again.
            LOG.log(Level.WARNING, "incident poll failed", e);
        }
    }

    private void poll() throws InterruptedException {
        RestResult<Listing<IncidentSummary>> result = client.listIncidents(OPEN, List.of());
        Instant now = clock.instant();
        if (result instanceof RestResult.Failure<Listing<IncidentSummary>> failure) {
            if (noteRateLimit(failure)) {
                return;
            }
            failures++;
            nextPollAt = now.plus(pacing.afterFailure(failures));
            DeskSnapshot last = snapshot;
            snapshot = new DeskSnapshot(DeskState.FAILING, "Cannot read incidents: " + failure.message(),
                    last.incidents(), last.truncated(), last.fetchedAt(), null, keys.view(), onCalls);
            return;
        }
        failures = 0;
        limitedUntil = null;
        Listing<IncidentSummary> listing = ((RestResult.Ok<Listing<IncidentSummary>>) result).value();
        lookUpAlerts(listing.items());
        keys.update(listing.items(), !listing.truncated());
        if (limitedUntil != null) {
            // An alert lookup was throttled: the incidents are fresh, but nothing more is sent until the reset.
            snapshot = new DeskSnapshot(DeskState.RATE_LIMITED, snapshot.message(), listing.items(),
                    listing.truncated(), now, limitedUntil, keys.view(), onCalls);
            return;
        }
        readOnCallsIfDue(listing.items(), now);
        if (limitedUntil != null) {
            snapshot = new DeskSnapshot(DeskState.RATE_LIMITED, snapshot.message(), listing.items(),
                    listing.truncated(), now, limitedUntil, keys.view(), onCalls);
            return;
        }
        nextPollAt = now.plus(pacing.afterSuccess(client.lastRateLimitRemaining()));
        snapshot = new DeskSnapshot(DeskState.OK, null, listing.items(), listing.truncated(), now, null, keys.view(), onCalls);
    }

    private void lookUpAlerts(List<IncidentSummary> incidents) throws InterruptedException {
        for (String id : keys.needingLookup(incidents, timing.alertLookupsPerPoll())) {
            RestResult<Listing<IncidentAlert>> alerts = client.listAlerts(id);
            if (alerts instanceof RestResult.Failure<Listing<IncidentAlert>> failure) {
                noteRateLimit(failure);
                return; // tried again on a later poll
            }
            List<String> alertKeys = new ArrayList<>();
            for (IncidentAlert alert : ((RestResult.Ok<Listing<IncidentAlert>>) alerts).value().items()) {
                if (alert.alertKey() != null && !alert.alertKey().isBlank()) {
                    alertKeys.add(alert.alertKey());
                }
            }
            keys.lookedUp(id, alertKeys);
        }
    }

    /**
     * Reads who is on call when {@link DeskTiming#onCallPeriod} has passed, or sooner (but at most once a minute) when
     * an open incident's service is not known yet. Two listings, both bounded by the client's page cap.
     */
    private void readOnCallsIfDue(List<IncidentSummary> incidents, Instant now) throws InterruptedException {
        boolean unknownService = incidents.stream().anyMatch(i -> i.serviceId() != null
                && !onCalls.byService().containsKey(i.serviceId()));
        boolean due = onCallsReadAt == null || !now.isBefore(onCallsReadAt.plus(timing.onCallPeriod()))
                || (unknownService && !now.isBefore(onCallsReadAt.plus(ON_CALL_RETRY)));
        if (!due || incidents.isEmpty()) {
            return;
        }
        onCallsReadAt = now;
        RestResult<Listing<ServiceSummary>> services = client.listServices();
        if (services instanceof RestResult.Failure<Listing<ServiceSummary>> failure) {
            noteRateLimit(failure);
            onCalls = onCalls.failed("Cannot read who is on call: " + failure.message());
            return;
        }
        RestResult<Listing<OnCall>> listed = client.listOnCallsNow();
        if (listed instanceof RestResult.Failure<Listing<OnCall>> failure) {
            noteRateLimit(failure);
            onCalls = onCalls.failed("Cannot read who is on call: " + failure.message());
            return;
        }
        Map<String, List<OnCall>> byPolicy = new HashMap<>();
        for (OnCall onCall : ((RestResult.Ok<Listing<OnCall>>) listed).value().items()) {
            if (onCall.escalationPolicyId() != null) {
                byPolicy.computeIfAbsent(onCall.escalationPolicyId(), id -> new ArrayList<>()).add(onCall);
            }
        }
        byPolicy.values().forEach(list -> list.sort(Comparator.comparingInt(OnCall::escalationLevel)));
        Map<String, List<OnCall>> byService = new HashMap<>();
        for (ServiceSummary service : ((RestResult.Ok<Listing<ServiceSummary>>) services).value().items()) {
            if (service.id() != null) {
                byService.put(service.id(), byPolicy.getOrDefault(service.escalationPolicyId(), List.of()));
            }
        }
        onCalls = new OnCalls(byService, now, null);
    }

    /** On a 429: stop sending until PagerDuty's reset and say so. Returns whether it was one. */
    private boolean noteRateLimit(RestResult.Failure<?> failure) {
        if (!failure.rateLimited()) {
            return false;
        }
        Instant now = clock.instant();
        limitedUntil = now.plus(pacing.rateLimitWait(failure.retryAfter()));
        nextPollAt = limitedUntil;
        DeskSnapshot last = snapshot;
        snapshot = new DeskSnapshot(DeskState.RATE_LIMITED, "PagerDuty's rate limit was reached; the desk waits "
                + secondsUntil(limitedUntil, now) + "s before calling again", last.incidents(), last.truncated(),
                last.fetchedAt(), limitedUntil, keys.view(), onCalls);
        return true;
    }

    private static long secondsUntil(Instant until, Instant now) {
        return Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
    }

    private static List<String> distinct(List<String> ids) {
        List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
        if (unique.isEmpty()) {
            throw new IllegalArgumentException("no incident selected");
        }
        return unique;
    }
}
