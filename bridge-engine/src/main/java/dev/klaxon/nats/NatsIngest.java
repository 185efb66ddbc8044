package dev.klaxon.nats;

import dev.klaxon.config.NatsConfig;
import dev.klaxon.message.InboundMessage;
import io.nats.client.Options;
import io.nats.client.support.Validator;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The NATS side of the engine: one connection, one dispatcher subscribed to every configured subject, each message
 * handed to the engine's bounded queue through a sink that answers {@code false} when the queue is full.
 *
 * <p>{@link #start()} returns at once; a background thread connects and keeps the connection alive for as long as
 * the ingest is open: the client reconnects forever with backoff, and should it give up on its own (a server refusing
 * authorization twice), a fresh connection is tried after {@link IngestSettings#restartDelay()}; at once when the
 * client ended because the configured password changed while it had no server. Connection states
 * reach listeners only when they change. Thread-safe.
 */
public final class NatsIngest implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NatsIngest.class.getName());

    private final NatsConfig config;
    private final IngestSettings settings;
    private final NatsOptionsFactory optionsFactory;
    private final StatusTracker status;
    private final MessageHandoff handoff;
    private final Supplier<Subscriptions> subscriptions;
    private final LongAdder slowConsumers = new LongAdder();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closeRequested = new CountDownLatch(1);
    private ClientSession session;
    private long droppedByEndedSessions;
    private Thread supervisor;

    public NatsIngest(NatsConfig config, UnaryOperator<String> environment, Clock clock,
                      Predicate<InboundMessage> sink) {
        this(config, environment, clock, sink, IngestSettings.defaults());
    }

    public NatsIngest(NatsConfig config, UnaryOperator<String> environment, Clock clock,
                      Predicate<InboundMessage> sink, IngestSettings settings) {
        this(config, environment, clock, sink, settings, null);
    }

    /**
     * @param subscriptions what each connection subscribes to (team mode's consumers); null for core subscriptions
     *                      on every configured subject
     */
    public NatsIngest(NatsConfig config, UnaryOperator<String> environment, Clock clock,
                      Predicate<InboundMessage> sink, IngestSettings settings, Supplier<Subscriptions> subscriptions) {
        this.subscriptions = subscriptions != null ? subscriptions : () -> new CoreSubscriptions(config, settings);
        this.config = Objects.requireNonNull(config, "config");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.optionsFactory = new NatsOptionsFactory(config, Objects.requireNonNull(environment, "environment"),
                settings);
        this.handoff = new MessageHandoff(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(sink, "sink"));
        this.status = new StatusTracker(clock, handoff::lastReceivedAt);
    }

    /**
     * Checks the settings, then connects in the background and returns at once. Call once.
     *
     * @throws NatsSetupException if the settings cannot work (missing secret, unusable TLS or key file, invalid
     *                            subject); the status also turns DISCONNECTED with the same message
     */
    public void start() {
        if (closing.get()) {
            throw new IllegalStateException("the NATS ingest is closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the NATS ingest is already started");
        }
        ClientSession first = newSession();
        Options options;
        try {
            checkSubscriptions();
            options = optionsFactory.build(first, first);
        } catch (NatsSetupException e) {
            status.gaveUp(e.getMessage());
            throw e;
        }
        synchronized (this) {
            session = first;
            supervisor = new Thread(() -> supervise(first, options), "klaxon-nats-supervisor");
            supervisor.setDaemon(true);
            supervisor.start();
        }
    }

    /** The connection status now, with the latest detail. */
    public ConnectionStatus status() {
        return status.current();
    }

    /**
     * Registers a listener for state changes; it gets the current status at once. It runs on a client or ingest
     * thread and must return quickly. Closing the result unregisters it.
     */
    public AutoCloseable onStatusChange(Consumer<ConnectionStatus> listener) {
        return status.subscribe(listener);
    }

    /** The ingest's counts, completed with the engine's queue figures. */
    public IngestCounters counters(int queueDepth, int queueCapacity) {
        long dropped;
        synchronized (this) {
            dropped = droppedByEndedSessions + (session == null ? 0 : session.dropped());
        }
        return new IngestCounters(handoff.received(), handoff.overflowed(), slowConsumers.sum(), dropped, queueDepth,
                queueCapacity);
    }

    /**
     * Drains the subscriptions (messages already buffered by the client still reach the sink) and closes the
     * connection, within about {@link IngestSettings#closeTimeout()}. Idempotent.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closeRequested.countDown();
        ClientSession current;
        Thread thread;
        synchronized (this) {
            current = session;
            thread = supervisor;
        }
        if (current != null) {
            current.shutdown(settings.closeTimeout());
        }
        if (thread != null) {
            try {
                thread.join(settings.closeTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        status.closed();
    }

    private void checkSubscriptions() {
        if (config.subjects().isEmpty()) {
            throw new NatsSetupException("nats.subjects: at least one subject is needed");
        }
        for (String subject : config.subjects()) {
            try {
                Validator.validateSubject(subject, true);
            } catch (IllegalArgumentException e) {
                throw new NatsSetupException("nats.subjects: \"" + SafeText.of(subject) + "\" is not a valid subject");
            }
        }
        if (config.queueGroup() != null) {
            try {
                Validator.validateQueueName(config.queueGroup(), true);
            } catch (IllegalArgumentException e) {
                throw new NatsSetupException("nats.queue_group: \"" + SafeText.of(config.queueGroup())
                        + "\" is not a valid queue group");
            }
        }
    }

    /**
     * The background thread: one session per client connection, a fresh one whenever the client gives up. It must
     * never die while the ingest is open (a dead supervisor left the status at "connecting" for ever), so anything
     * a session throws is reported in the status, logged, and answered like a session that gave up: a fresh one
     * after {@link IngestSettings#restartDelay()}. A fault that recurs thus shows, with its reason, every round.
     */
    private void supervise(ClientSession first, Options firstOptions) {
        ClientSession current = first;
        Options options = firstOptions;
        while (!closing.get()) {
            boolean newPassword = false;
            if (options != null) {
                String ended = runSession(current, options);
                if (closing.get()) {
                    break;
                }
                newPassword = current.endedForNewPassword();
                if (!newPassword) {
                    status.gaveUp(ended + "; trying again in " + describe(settings.restartDelay()));
                }
            }
            if (!newPassword && awaitCloseRequest(settings.restartDelay())) {
                break;
            }
            ClientSession next = newSession();
            try {
                options = optionsFactory.build(next, next);
            } catch (RuntimeException e) {
                options = null;
                status.gaveUp(problem(e) + "; trying again in " + describe(settings.restartDelay()));
            }
            synchronized (this) {
                droppedByEndedSessions += current.dropped();
                session = next;
            }
            current = next;
        }
    }

    /** Runs one session to its end and says why it ended; never throws. */
    private static String runSession(ClientSession session, Options options) {
        try {
            session.run(options);
            return session.lastError();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the NATS session failed unexpectedly; starting a fresh one", e);
            session.abandon(); // a live connection left behind would deliver every message twice next round
            return problem(e);
        }
    }

    private static String problem(RuntimeException e) {
        return e instanceof NatsSetupException ? e.getMessage() : "internal error: " + SafeText.of(e);
    }

    private ClientSession newSession() {
        return new ClientSession(settings, status, handoff, subscriptions.get(), slowConsumers,
                closing::get, optionsFactory::passwordChanged);
    }

    private boolean awaitCloseRequest(Duration timeout) {
        try {
            return closeRequested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
