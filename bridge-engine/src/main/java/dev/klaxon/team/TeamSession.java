package dev.klaxon.team;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.audit.DeliveryState;
import dev.klaxon.config.JetStreamConfig;
import dev.klaxon.config.NatsConfig;
import dev.klaxon.delivery.SendGate;
import dev.klaxon.message.StreamPosition;
import dev.klaxon.nats.CoreSubscriptions;
import dev.klaxon.nats.IngestSettings;
import dev.klaxon.nats.MessageHandoff;
import dev.klaxon.nats.Subscriptions;
import dev.klaxon.outbox.PendingEvent;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One member of a team in team mode: binds the stream, competes for the sender lease, switches between pulling
 * (sender) and watching (observer), settles pulled messages after PagerDuty's 202, fences stale sends, and keeps
 * the {@link TeamStatus} that the console and {@code team status} show.
 *
 * <p>Threads: the NATS session thread calls {@link #open}; one team thread does everything else that talks to
 * JetStream (lease, heartbeats, status, fence writes); sender threads call {@link #veto}. The degraded modes are
 * decided here: no JetStream on the server means core NATS (this member pages on its own, as without team mode); a
 * stream that is missing and may not be created, or does not match, means view only (core subscriptions, nothing
 * paged); JetStream not answering means nothing is paged by this member until it answers again: it does not fall
 * back to paging on its own, which would page once per console.
 */
public final class TeamSession implements Subscriptions, TeamControl, SendGate {
    private static final Logger LOG = Logger.getLogger(TeamSession.class.getName());
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final Duration STATUS_REFRESH = Duration.ofSeconds(2);
    /** A console in {@code auto} waits this long before competing, so a headless bridge that starts with it wins. */
    static final Duration CONSOLE_GRACE = Duration.ofSeconds(10);
    /** After handing over, this member leaves the lease to the others this long. */
    static final Duration HAND_OVER_PAUSE = Duration.ofSeconds(30);
    /** With JetStream silent and no sender heard this long, the member says nobody may be paging. */
    static final Duration SILENCE_ALARM = Duration.ofSeconds(30);
    static final String AUTOMATIC = "klaxon (automatic)";

    private final JetStreamConfig config;
    private final NatsConfig nats;
    private final IngestSettings ingestSettings;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final String member;
    private final boolean headless;
    private final Duration dedupWindow;
    private final TeamListener listener;
    private final Supplier<LocalFacts> localFacts;
    private final ObjectMapper mapper = new ObjectMapper();
    private final PendingAcks acks = new PendingAcks();
    private final Feeds feeds;
    private final TeamSetup setup;
    private final Instant startedAt;
    private final ScheduledExecutorService thread;
    private final SharedSilenceStore silences;
    private final SharedFloods floods;

    // Written by the team thread (and open() before it is started on a connection); read anywhere.
    private volatile Connection connection;
    private volatile MessageHandoff handoff;
    private volatile CoreSubscriptions core;
    private volatile TeamSetup.Bound bound;
    private volatile SenderLease lease;
    private volatile SentFence fence;
    private volatile TeamStatus.Mode mode = TeamStatus.Mode.STARTING;
    private volatile String problem;
    /** The slow-changing facts (members, consumer, stream), read every few seconds; the lease is read live. */
    private volatile Facts facts = new Facts(List.of(), null, null);
    private volatile SenderLease.Holder holder;
    // Team thread only.
    private Instant lastHeartbeat = Instant.EPOCH;
    private Instant lastStatus = Instant.EPOCH;
    private Instant lastKeepAlive = Instant.EPOCH;
    private Instant lastAnswer;
    private Instant pausedUntil = Instant.EPOCH;
    private boolean takeOverAsked;
    private String takeOverBy;

    public TeamSession(JetStreamConfig config, NatsConfig nats, IngestSettings ingestSettings, Clock clock,
                       LongSupplier nanoTime, String member, boolean headless, Duration dedupWindow,
                       TeamListener listener, Supplier<LocalFacts> localFacts) {
        this.config = config;
        this.nats = nats;
        this.ingestSettings = ingestSettings;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.member = member;
        this.headless = headless;
        this.dedupWindow = dedupWindow;
        this.listener = listener;
        this.localFacts = localFacts;
        this.feeds = new Feeds(config.stream(), config.consumer(), acks, clock, config.lateJoin());
        this.setup = new TeamSetup(config, nats.subjects());
        this.startedAt = clock.instant();
        this.lastAnswer = startedAt;
        this.silences = new SharedSilenceStore(member, this::holdsLease);
        this.floods = new SharedFloods(member, clock);
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "klaxon-team");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the lease and status loop; messages start once a connection opens. */
    public void start() {
        thread.scheduleWithFixedDelay(this::tickSafely, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void close() {
        CompletableFuture<Void> released = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                feeds.stopAll();
                SenderLease current = lease;
                if (current != null && current.holding()) {
                    current.release(); // the next sender need not wait for the TTL
                }
                forgetMember();
                released.complete(null);
            });
            released.get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing is best effort: the lease and the heartbeat expire by themselves
        }
        thread.shutdownNow();
    }

    // ---- Subscriptions: called on the NATS session's thread -----------------------------------------------

    @Override
    public void open(Connection newConnection, MessageHandoff newHandoff) throws Exception {
        connection = newConnection;
        handoff = newHandoff;
        feeds.attach(newConnection, newHandoff);
        CompletableFuture<Void> bound = new CompletableFuture<>();
        thread.execute(() -> {
            bindAndWatch();
            bound.complete(null);
        });
        bound.get(ingestSettings.connectionTimeout().toMillis() * 4, TimeUnit.MILLISECONDS);
    }

    @Override
    public void closed() {
        try {
            thread.execute(() -> {
                loseLease("the NATS connection closed");
                feeds.stopAll();
                silences.detach();
                floods.detach();
                bound = null;
                connection = null;
            });
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // the engine is closing: close() stopped the feeds and released the lease already
        }
    }

    @Override
    public long dropped() {
        CoreSubscriptions current = core;
        return current == null ? 0 : current.dropped();
    }

    // ---- what the engine asks of a pulled message ----------------------------------------------------------

    /** The pulled message made {@code events} events that the outbox took or holds. */
    public void expect(StreamPosition position, int events) {
        acks.expect(position.sequence(), position.deliveries(), events);
    }

    /** The pulled message is decided and counted: acknowledged once its events (if any) are settled. */
    public void decided(StreamPosition position) {
        acks.decided(position.sequence(), position.deliveries());
    }

    /** This member cannot keep the pulled message (storage full and its hold too): redelivered in a while. */
    public void giveBack(StreamPosition position) {
        acks.giveBack(position.sequence(), position.deliveries(), ingestSettings.restartDelay().toMillis());
    }

    /** Who pages for the team as far as this member knows; null when nobody is known to. */
    public String sender() {
        SenderLease current = lease;
        if (current != null && current.held()) {
            return member;
        }
        SenderLease.Holder known = holder;
        return known == null ? null : known.member();
    }

    /** How a watched message's page is accounted for, in words for its reason. */
    public String whoPages() {
        if (mode == TeamStatus.Mode.VIEW_ONLY) {
            return "not paged: this member is view only (" + problem + ")";
        }
        String sender = sender();
        return "sent by the team's sender " + (sender == null ? "(none holds the lease right now)" : sender)
                + ", not by this member";
    }

    public String member() {
        return member;
    }

    // ---- SendGate: sender threads --------------------------------------------------------------------------

    @Override
    public String veto(PendingEvent event) {
        if (event.streamSeq() == 0) {
            return null; // made by no stream message (coalesced flood, manual escalation): this member's own
        }
        if (!mayStillSend(event)) {
            return handedToTheTeam(event);
        }
        String fenced = fenced(event);
        if (fenced != null) {
            return fenced;
        }
        // Asked again after the fence read (a network round trip): a laptop that slept through that read wakes
        // here with its lease expired, and its request must not go out behind the new sender's back.
        return mayStillSend(event) ? null : handedToTheTeam(event);
    }

    private boolean mayStillSend(PendingEvent event) {
        SenderLease current = lease;
        return acks.tracks(event.streamSeq(), event.streamDelivery()) && current != null && current.held();
    }

    private static String handedToTheTeam(PendingEvent event) {
        return "handed to the team: this member no longer holds delivery " + event.streamDelivery()
                + " of stream message " + event.streamSeq() + " (it restarted, is not the sender now, or works on a"
                + " newer delivery of it); the stream redelivers it to the team's sender";
    }

    /** Why the fence forbids this event, or null when it may go. */
    private String fenced(PendingEvent event) {
        SentFence currentFence = fence;
        if (event.dedupKey() == null || currentFence == null) {
            return null;
        }
        SentFence.Sent last;
        try {
            last = currentFence.last(event.routingKeyRef(), event.dedupKey());
        } catch (IOException | JetStreamApiException e) {
            return null; // the fence cannot be read: sending is safer than not paging (PagerDuty dedups the key)
        }
        if (last == null) {
            return null;
        }
        if (last.sequence() == event.streamSeq()) {
            return "superseded: already sent (stream seq " + last.sequence() + ") by " + last.sender() + " at "
                    + last.at() + "; a redelivery after PagerDuty's 202, not sent twice";
        }
        if (last.sequence() > event.streamSeq()) {
            return "superseded: a newer event of this dedup_key (stream seq " + last.sequence() + ", "
                    + last.action() + ") was sent by " + last.sender() + " at " + last.at()
                    + "; this older " + event.eventAction() + " (stream seq " + event.streamSeq()
                    + ") must not reopen or change it";
        }
        if ("trigger".equals(event.eventAction()) && "trigger".equals(last.action()) && !dedupWindow.isZero()
                && clock.instant().isBefore(last.at().plus(dedupWindow))) {
            return "deduplicated: a trigger of this dedup_key was sent by " + last.sender() + " at " + last.at()
                    + ", within guards.dedup_window (the team's window, kept in " + TeamBuckets.SENT + ")";
        }
        return null;
    }

    @Override
    public void settled(PendingEvent event, DeliveryState state) {
        if (event.streamSeq() == 0) {
            return;
        }
        try {
            thread.execute(() -> {
                if (state == DeliveryState.DELIVERED && event.dedupKey() != null) {
                    recordSent(event);
                }
                if (state == DeliveryState.SUPERSEDED && !mayStillSend(event)) {
                    // Handed to the team, not settled: acknowledging would drop the message while its page was
                    // never sent. Given back at once if still tracked (the lease lapsed before this thread saw it),
                    // else already let go of; the team's sender gets it either way.
                    acks.giveBack(event.streamSeq(), event.streamDelivery(),
                            ingestSettings.restartDelay().toMillis());
                    return;
                }
                acks.settled(event.streamSeq(), event.streamDelivery());
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // stopping: the message stays unacknowledged and the fence check catches its redelivery
        }
    }

    private void recordSent(PendingEvent event) {
        SentFence currentFence = fence;
        if (currentFence == null) {
            return;
        }
        try {
            currentFence.record(event.routingKeyRef(), event.dedupKey(),
                    new SentFence.Sent(event.streamSeq(), event.eventAction(), clock.instant(), member));
        } catch (IOException | JetStreamApiException e) {
            LOG.warning("team: could not record the send of stream seq " + event.streamSeq() + " in "
                    + TeamBuckets.SENT + " (" + e.getMessage() + "); a redelivery could be sent again");
        }
    }

    // ---- TeamControl ---------------------------------------------------------------------------------------

    @Override
    public TeamStatus status() {
        Facts known = facts;
        return snapshot(known.members(), known.consumer(), known.stream());
    }

    private record Facts(List<TeamStatus.TeamMember> members, TeamStatus.ConsumerFacts consumer,
                         TeamStatus.StreamFacts stream) {
    }

    @Override
    public CompletableFuture<String> takeSender(String operator) {
        if (config.role() == JetStreamConfig.Role.OBSERVER) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "this member is an observer by config (nats.jetstream.role: observer)"));
        }
        return onTeamThread(() -> {
            SenderLease current = lease;
            if (current == null) {
                throw new IllegalStateException("team mode is not running here (" + mode.label() + ")");
            }
            if (current.held()) {
                return "already the sender";
            }
            String from = holder == null ? "nobody" : holder.member();
            if (!current.takeOver()) {
                throw new IllegalStateException("the lease could not be taken; try again");
            }
            pausedUntil = Instant.EPOCH;
            becameSender(operator, "taken over from " + from + " by " + operator);
            return "this member is the sender now (taken from " + from + ")";
        });
    }

    @Override
    public CompletableFuture<String> handOver(String operator) {
        return onTeamThread(() -> {
            SenderLease current = lease;
            if (current == null || !current.holding()) {
                throw new IllegalStateException("this member is not the sender");
            }
            handOverNow(operator, "handed over by " + operator);
            return "handed over: another member takes the lease within seconds; this one stays out for "
                    + HAND_OVER_PAUSE.toSeconds() + " s";
        });
    }

    private <T> CompletableFuture<T> onTeamThread(java.util.concurrent.Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Exception e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the engine is stopping"));
        }
        return result;
    }

    // ---- the team thread -----------------------------------------------------------------------------------

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "team: the lease loop failed; trying again in a second", e);
        }
    }

    private void tick() {
        Instant now = clock.instant();
        raiseAlarmIfSilent(now);
        if (connection == null) {
            return;
        }
        if (bound == null) {
            if (mode == TeamStatus.Mode.STARTING || mode == TeamStatus.Mode.UNREACHABLE) {
                bindAndWatch();
            }
            refreshStatus(now);
            return;
        }
        feeds.tidy();
        try {
            leaseStep(now);
            answered(now);
        } catch (IOException e) {
            // JetStream did not answer; if this member held the lease, held() lapses by itself
            problem = "JetStream did not answer: " + e.getMessage();
        }
        if (!now.isBefore(lastHeartbeat.plus(HEARTBEAT))) {
            heartbeat(now);
        }
        if (!now.isBefore(lastKeepAlive.plus(config.ackWait().dividedBy(3)))) {
            lastKeepAlive = now;
            acks.keepAlive();
        }
        if (!now.isBefore(lastStatus.plus(STATUS_REFRESH))) {
            refreshStatus(now);
        }
    }

    /** Nobody may be paging: JetStream has been silent too long and no sender is heard. Said once, loudly. */
    private void raiseAlarmIfSilent(Instant now) {
        if (mode == TeamStatus.Mode.UNREACHABLE || mode == TeamStatus.Mode.VIEW_ONLY
                || mode == TeamStatus.Mode.NO_JETSTREAM
                || Duration.between(lastAnswer, now).compareTo(SILENCE_ALARM) < 0) {
            return;
        }
        loseLease("JetStream did not answer for " + SILENCE_ALARM.toSeconds() + " s");
        mode = TeamStatus.Mode.UNREACHABLE;
        LOG.severe("team: " + bannerFor(TeamStatus.Mode.UNREACHABLE, null));
        listener.changed(AUTOMATIC, "team: JetStream unreachable", bannerFor(TeamStatus.Mode.UNREACHABLE, null));
        lastStatus = Instant.EPOCH;
    }

    private void answered(Instant now) {
        lastAnswer = now;
        if (mode == TeamStatus.Mode.UNREACHABLE) {
            mode = TeamStatus.Mode.OBSERVER;
            LOG.info("team: JetStream answers again");
            listener.changed(AUTOMATIC, "team: JetStream answers again", "competing for the lease again");
        }
    }

    private void leaseStep(Instant now) throws IOException {
        SenderLease current = lease;
        if (current.holding()) {
            if (!current.held()) {
                loseLease("this member did not renew the lease in time (asleep or stopped for "
                        + Duration.between(current.renewedAt(), now).toSeconds() + " s)");
                return;
            }
            if (!now.isBefore(current.renewedAt().plus(TeamBuckets.LEASE_RENEW)) && !current.renew()) {
                loseLease("another member holds the lease now");
                return;
            }
            yieldToHeadlessBridge();
            return;
        }
        readHolder();
        if (mayCompete(now) && holder == null && current.tryTake()) {
            becameSender(AUTOMATIC, "took the free lease (role " + config.role().label() + ")");
        }
    }

    private boolean mayCompete(Instant now) {
        if (config.role() == JetStreamConfig.Role.OBSERVER || now.isBefore(pausedUntil)) {
            return false;
        }
        return headless || config.role() == JetStreamConfig.Role.SENDER
                || !now.isBefore(startedAt.plus(CONSOLE_GRACE));
    }

    /** A console that sends in {@code auto} gives way to a headless bridge, which does not sleep with a lid. */
    private void yieldToHeadlessBridge() {
        if (headless || config.role() != JetStreamConfig.Role.AUTO) {
            return;
        }
        for (TeamStatus.TeamMember other : facts.members()) {
            if (other.headless() && !other.id().equals(member) && !"observer".equals(other.role())) {
                handOverNow(AUTOMATIC, "a headless bridge (" + other.id() + ") is in the team");
                return;
            }
        }
    }

    private void handOverNow(String operator, String why) {
        feeds.stopPager();
        int abandoned = acks.abandonAll();
        lease.release();
        pausedUntil = clock.instant().plus(HAND_OVER_PAUSE);
        watchQuietly();
        listener.changed(operator, "team: handed the sender role over", why + "; " + abandoned
                + " message(s) in progress go back to the stream for the next sender");
    }

    private void becameSender(String operator, String why) {
        try {
            feeds.pull();
        } catch (IOException | JetStreamApiException e) {
            lease.release();
            problem = "could not pull from consumer " + config.consumer() + ": " + e.getMessage();
            LOG.warning("team: " + problem);
            return;
        }
        holder = null;
        mode = TeamStatus.Mode.SENDER;
        problem = null;
        listener.changed(operator, "team: took the sender lease", why + "; the dedup window is inherited from "
                + TeamBuckets.SENT + ", flood counts and routing-key budgets start from this member's own "
                + "view of the stream");
        floods.tookOver();
        lastStatus = Instant.EPOCH;
    }

    private void loseLease(String why) {
        SenderLease current = lease;
        boolean was = feeds.pulling() || (current != null && current.holding());
        if (current != null) {
            current.drop();
        }
        feeds.stopPager();
        if (!was) {
            return;
        }
        int abandoned = acks.abandonAll();
        mode = bound == null ? mode : TeamStatus.Mode.OBSERVER;
        watchQuietly();
        listener.changed(AUTOMATIC, "team: lost the sender lease", why + "; stopped sending at once, "
                + abandoned + " message(s) in progress go back to the stream for the next sender");
        lastStatus = Instant.EPOCH;
    }

    private void readHolder() throws IOException {
        try {
            holder = lease.holder();
        } catch (JetStreamApiException e) {
            throw new IOException(e.getMessage(), e);
        }
        mode = TeamStatus.Mode.OBSERVER;
    }

    private void readHolderQuietly() {
        try {
            readHolder();
        } catch (IOException e) {
            problem = "could not read the lease: " + e.getMessage();
        }
    }

    private void bindAndWatch() {
        Connection current = connection;
        if (current == null) {
            return;
        }
        try {
            TeamSetup.Bound done = setup.bind(current);
            lease = new SenderLease(done.lease(), mapper, clock, nanoTime, member, headless);
            fence = new SentFence(done.sent(), mapper);
            attachSilences(done);
            bound = done;
            stopCore(current);
            mode = TeamStatus.Mode.OBSERVER;
            problem = null;
            answered(clock.instant());
            readHolderQuietly();
            feeds.watch();
            LOG.info("team: bound stream " + config.stream() + " and consumer " + config.consumer() + " as "
                    + member + " (role " + config.role().label() + ")");
        } catch (TeamSetupException e) {
            degrade(current, e);
        } catch (IOException | JetStreamApiException e) {
            problem = "could not watch stream " + config.stream() + ": " + e.getMessage();
            unreachable();
        }
        lastStatus = Instant.EPOCH;
    }

    /** Before any message is watched or pulled, so none is decided without the team's silences. */
    private void attachSilences(TeamSetup.Bound done) throws IOException, JetStreamApiException {
        try {
            if (done.silences() == null) {
                silences.unavailable("bucket " + TeamBuckets.SILENCES + " is missing and nats.jetstream.create is "
                        + "false");
            } else {
                silences.attach(done.silences());
            }
            if (done.floods() != null) {
                floods.attach(done.floods());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the team's silences", e);
        }
    }

    private boolean holdsLease() {
        SenderLease current = lease;
        return current != null && current.held();
    }

    /** The stream's history over this member's connection; null while it has none. */
    public StreamHistory history() {
        Connection current = connection;
        return current == null ? null : new StreamHistory(current, config);
    }

    /** The team's flood state: written by the sender, shown by every member, releases asked from anywhere. */
    public SharedFloods floods() {
        return floods;
    }

    /** An observer: the team's sender owns the guards' state (floods, held triggers) this member shows. */
    public boolean observing() {
        return mode == TeamStatus.Mode.OBSERVER;
    }

    /** Whether this member holds the lease now (and so owns the guards' state the team sees). Any thread. */
    public boolean sending() {
        return holdsLease();
    }

    /** The team's silences, which the engine uses instead of this laptop's {@code silences.db}. */
    public SharedSilenceStore silences() {
        return silences;
    }

    private void degrade(Connection current, TeamSetupException e) {
        TeamStatus.Mode next = switch (e.kind()) {
            case NO_JETSTREAM -> TeamStatus.Mode.NO_JETSTREAM;
            case FORBIDDEN, MISMATCH -> TeamStatus.Mode.VIEW_ONLY;
            case UNREACHABLE -> null;
        };
        problem = e.getMessage();
        if (next == null) {
            unreachable();
            return;
        }
        if (mode != next) {
            LOG.warning("team: " + bannerFor(next, null) + " (" + e.getMessage() + ")");
            listener.changed(AUTOMATIC, "team: " + next.label(), e.getMessage());
        }
        mode = next;
        startCore(current, next == TeamStatus.Mode.VIEW_ONLY ? StreamPosition.watchOnly() : null);
    }

    /** Binding did not get an answer: tried again next tick; {@link #raiseAlarmIfSilent} says so after 30 s. */
    private void unreachable() {
        LOG.fine("team: " + problem);
    }

    private void startCore(Connection current, StreamPosition tag) {
        if (core != null) {
            return;
        }
        CoreSubscriptions subscriptions = new CoreSubscriptions(nats.withJetStream(null), ingestSettings, tag);
        try {
            subscriptions.open(current, handoff);
            core = subscriptions;
        } catch (Exception e) {
            problem = problem + "; and the core subscriptions failed: " + e.getMessage();
        }
    }

    private void stopCore(Connection current) {
        CoreSubscriptions subscriptions = core;
        if (subscriptions != null) {
            subscriptions.stop(current);
            core = null;
        }
    }

    private void watchQuietly() {
        try {
            feeds.watch();
        } catch (IOException | JetStreamApiException e) {
            problem = "could not watch stream " + config.stream() + ": " + e.getMessage();
        }
    }

    private void heartbeat(Instant now) {
        lastHeartbeat = now;
        TeamSetup.Bound current = bound;
        if (current == null) {
            return;
        }
        LocalFacts facts = localFacts.get();
        SenderLease ownLease = lease;
        try {
            current.members().put(memberKey(), mapper.writeValueAsBytes(mapper.createObjectNode()
                    .put("member", member)
                    .put("user", System.getProperty("user.name", "?"))
                    .put("host", host())
                    .put("role", config.role().label())
                    .put("headless", headless)
                    .put("sender", ownLease != null && ownLease.held())
                    .put("pagerduty", facts.pagerDuty())
                    .put("outbox", facts.outboxDepth())
                    .put("at", now.toString())));
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            problem = "heartbeat failed: " + e.getMessage();
        }
    }

    private void forgetMember() {
        TeamSetup.Bound current = bound;
        if (current != null) {
            try {
                current.members().delete(memberKey());
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                // the bucket forgets it within 30 s
            }
        }
    }

    private void refreshStatus(Instant now) {
        lastStatus = now;
        TeamSetup.Bound current = bound;
        List<TeamStatus.TeamMember> members = new ArrayList<>();
        TeamStatus.ConsumerFacts consumerFacts = null;
        TeamStatus.StreamFacts streamFacts = null;
        if (current != null) {
            try {
                members = TeamFacts.members(current.members(), mapper, now);
                consumerFacts = TeamFacts.consumer(current.management(), config, now);
                streamFacts = TeamFacts.stream(current.management(), config);
            } catch (IOException | JetStreamApiException | InterruptedException | RuntimeException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                problem = "team status: " + e.getMessage();
            }
        }
        facts = new Facts(members, consumerFacts, streamFacts);
    }

    private TeamStatus snapshot(List<TeamStatus.TeamMember> members, TeamStatus.ConsumerFacts consumerFacts,
                                TeamStatus.StreamFacts streamFacts) {
        Instant now = clock.instant();
        SenderLease current = lease;
        boolean sending = current != null && current.held();
        String sender = sending ? member : holder == null ? null : holder.member();
        Instant since = sending ? current.since() : holder == null ? null : holder.since();
        Duration age = sending ? Duration.between(current.renewedAt(), now) : holder == null ? null : holder.age();
        TeamStatus.Mode shown = sending ? TeamStatus.Mode.SENDER
                : mode == TeamStatus.Mode.SENDER ? TeamStatus.Mode.OBSERVER : mode;
        return new TeamStatus(now, shown, bannerFor(shown, sender, since), config.role(), member, sending, sender,
                since, age, members, consumerFacts, streamFacts);
    }

    private String bannerFor(TeamStatus.Mode shown, String sender) {
        return bannerFor(shown, sender, null);
    }

    private String bannerFor(TeamStatus.Mode shown, String sender, Instant since) {
        return switch (shown) {
            case CORE -> "core mode: each console pages on its own";
            case NO_JETSTREAM -> "the NATS server has no JetStream: core mode, each console pages on its own"
                    + " (alerts published while this member is away are lost)";
            case STARTING -> "team mode: binding stream " + config.stream() + "…";
            case SENDER -> null;
            case OBSERVER -> sender == null ? "observer: no sender holds the lease right now; one takes it within"
                    + " seconds" : "observer: paging is done by " + sender + (since == null ? "" : " since " + since);
            case VIEW_ONLY -> "view only: this member pages nothing (" + problem + ")";
            case UNREACHABLE -> "JetStream does not answer and no sender has been heard for "
                    + SILENCE_ALARM.toSeconds() + " s: nobody may be paging. This member holds its alerts "
                    + "rather than page on its own (which would page once per console)";
        };
    }

    private String memberKey() {
        return member.replaceAll("[^A-Za-z0-9_=-]", "_");
    }

    private static String host() {
        String name = System.getenv("HOSTNAME");
        if (name != null && !name.isBlank()) {
            return name;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "?";
        }
    }

    /** This member's id: {@code user@host/pid}, unique on a team and readable in the Team view. */
    public static String memberId() {
        return System.getProperty("user.name", "?") + "@" + host() + "/" + ProcessHandle.current().pid();
    }
}
