package dev.klaxon.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection from first attempt to close, and the client's callbacks for it. The client's own status
 * is the truth: each callback is only a cue to look at it again, which makes repeated or late events harmless.
 */
final class ClientSession implements ConnectionListener, ErrorListener {
    private static final Logger LOG = Logger.getLogger(ClientSession.class.getName());
    /** How often a client without a server looks whether its password changed. */
    private static final long PASSWORD_LOOK_MILLIS = 200;

    private final IngestSettings settings;
    private final StatusTracker status;
    private final MessageHandoff handoff;
    private final Subscriptions subscriptions;
    private final LongAdder slowConsumers;
    private final BooleanSupplier closing;

    private final AtomicReference<Connection> connection = new AtomicReference<>();
    private final CountDownLatch clientClosed = new CountDownLatch(1);
    private volatile boolean subscribed;
    private volatile String lastError = "";
    private volatile boolean serverErrorUnexplained;
    private volatile boolean endedForNewPassword;
    private final Predicate<Options> passwordChanged;

    /**
     * @param closing whether the owner is closing: from then on the session reports nothing and closes the
     *                connection as soon as it learns of it
     */
    ClientSession(IngestSettings settings, StatusTracker status, MessageHandoff handoff,
                  Subscriptions subscriptions, LongAdder slowConsumers, BooleanSupplier closing,
                  Predicate<Options> passwordChanged) {
        this.passwordChanged = passwordChanged;
        this.settings = settings;
        this.status = status;
        this.handoff = handoff;
        this.subscriptions = subscriptions;
        this.slowConsumers = slowConsumers;
        this.closing = closing;
    }

    /** Connects (retrying forever), subscribes, and returns once the client connection has closed. */
    void run(Options options) {
        Connection conn;
        try {
            conn = Nats.connectReconnectOnConnect(options);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            lastError = SafeText.of(e);
            closeQuietly(connection.get());
            return;
        }
        adopt(conn);
        if (closing.getAsBoolean() || conn.getStatus() == Connection.Status.CLOSED) {
            return;
        }
        try {
            subscribe(conn);
        } catch (RuntimeException e) {
            // e.g. the client refusing a subscription ("Control line is too long"): without our subscriptions the
            // connection is useless, so end it and let the supervisor report why and try again
            LOG.log(Level.WARNING, "cannot subscribe; closing the connection to try again", e);
            lastError = "cannot subscribe: " + SafeText.of(e);
            closeQuietly(conn);
            return;
        }
        awaitClosed(conn, options);
        subscriptions.closed();
    }

    /** True when this session ended its client because the password changed: a fresh one should start at once. */
    boolean endedForNewPassword() {
        return endedForNewPassword;
    }

    long dropped() {
        return subscriptions.dropped();
    }

    String lastError() {
        return lastError.isEmpty() ? "the client stopped reconnecting" : lastError;
    }

    /** Closes the connection at once, if there is one: for a session that failed and is being replaced. */
    void abandon() {
        closeQuietly(connection.get());
    }

    void shutdown(Duration timeout) {
        Connection conn = connection.get();
        if (conn == null) {
            return; // not connected yet; adopt() closes the connection as soon as the client reveals it
        }
        if (conn.getStatus() == Connection.Status.CONNECTED) {
            try {
                conn.drain(timeout).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // a drain that cannot finish in time is cut short by the close below
            }
        }
        closeQuietly(conn);
    }

    private void subscribe(Connection conn) {
        try {
            subscriptions.open(conn, handoff);
        } catch (TimeoutException e) {
            // the link dropped meanwhile; the client sends the subscriptions again when it reconnects
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IllegalStateException e) {
            if (conn.getStatus() == Connection.Status.CLOSED) {
                return; // closed meanwhile
            }
            // otherwise the subscriptions are registered and go out again on reconnect
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(SafeText.of(e), e);
        }
        subscribed = true;
        reconcile(conn);
    }

    /**
     * Waits for the client to close. While it has no server, it also looks whether the password changed: this client
     * can only ever offer the old one (jnats reads a password once per client), so it is ended and the supervisor
     * starts a fresh client at once, instead of after the server refused the old password twice and the restart
     * delay passed (15 s and more, during which core NATS loses what is published). A connected client is left
     * alone: the server still takes the password it has.
     */
    private void awaitClosed(Connection conn, Options options) {
        try {
            // the CLOSED event ends the wait; the periodic look is a safety net should the event never come
            Connection.Status now;
            while ((now = conn.getStatus()) != Connection.Status.CLOSED) {
                clientClosed.await(now == Connection.Status.CONNECTED ? 1000 : PASSWORD_LOOK_MILLIS,
                        TimeUnit.MILLISECONDS);
                now = conn.getStatus();
                if (now != Connection.Status.CONNECTED && now != Connection.Status.CLOSED && !closing.getAsBoolean()
                        && passwordChanged.test(options)) {
                    endedForNewPassword = true;
                    status.note("nats.password changed; connecting with the new one");
                    LOG.info("nats: the password changed while the server was out of reach; "
                            + "connecting again with the new one");
                    closeQuietly(conn);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Remembers the client's connection object, which callbacks reveal before connect returns. */
    private void adopt(Connection conn) {
        if (conn != null && connection.compareAndSet(null, conn) && closing.getAsBoolean()) {
            // close() ran before we knew the connection; closing from a client callback thread would wait on
            // that very thread, so close from a thread of our own
            Thread closer = new Thread(() -> closeQuietly(conn), "klaxon-nats-close");
            closer.setDaemon(true);
            closer.start();
        }
    }

    /** Maps the client's current status to ours; serialised so the last look always wins. */
    private synchronized void reconcile(Connection conn) {
        if (closing.getAsBoolean()) {
            return; // close() reports CLOSED itself
        }
        switch (conn.getStatus()) {
            case CONNECTED -> {
                if (subscribed) {
                    lastError = "";
                    status.connected(SafeText.url(conn.getConnectedUrl()),
                            "server " + SafeText.of(conn.getServerInfo().getVersion()));
                }
            }
            case CLOSED -> { } // the supervisor reports giving up and tries again later
            default -> status.lost(lastError.isEmpty() ? "connection lost" : lastError);
        }
    }

    /** Required by the interface but deprecated in jnats 2.26, which calls the richer variant below. */
    @Override
    @SuppressWarnings("deprecation")
    public void connectionEvent(Connection conn, Events type) {
        connectionEvent(conn, type, null, null);
    }

    @Override
    public void connectionEvent(Connection conn, Events type, Long time, String uriDetails) {
        adopt(conn);
        if (type == Events.CLOSED) {
            clientClosed.countDown();
        } else if (type == Events.LAME_DUCK) {
            status.note("the server is shutting down (lame duck mode)");
        }
        reconcile(conn);
    }

    @Override
    public void errorOccurred(Connection conn, String error) {
        adopt(conn);
        lastError = SafeText.of(error);
        serverErrorUnexplained = true;
        status.note(lastError);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exception) {
        adopt(conn);
        // a refused connect ends in a timeout right after the server said why; keep the server's reason
        boolean consequence = serverErrorUnexplained && exception instanceof TimeoutException;
        serverErrorUnexplained = false;
        if (!consequence) {
            lastError = SafeText.of(exception);
            status.note(lastError);
        }
    }

    @Override
    public void slowConsumerDetected(Connection conn, Consumer consumer) {
        slowConsumers.increment();
    }

    private void closeQuietly(Connection conn) {
        if (conn == null) {
            return;
        }
        try {
            conn.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // closing is best effort; the connection is being abandoned either way
        }
    }
}
