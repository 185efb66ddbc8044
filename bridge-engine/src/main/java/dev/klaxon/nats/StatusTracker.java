package dev.klaxon.nats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one owner of the connection status. The client reports the same condition many times (a DISCONNECTED event
 * per failed reconnect); this keeps the state and tells listeners only when the state itself changes. The detail
 * text follows the latest news without notifying, so a snapshot still shows the newest error.
 *
 * <p>Listeners run on the thread reporting the change, in order, while the tracker is locked: they must be quick
 * and must not block (hand off to another thread if there is real work).
 */
final class StatusTracker {

    private final Clock clock;
    private final Supplier<Instant> lastMessage;
    private final List<Consumer<ConnectionStatus>> listeners = new CopyOnWriteArrayList<>();
    private ConnectionStatus current;
    /** Times an established connection was lost, and the length of those gaps that have ended. */
    private long disconnections;
    private Duration timeDisconnected = Duration.ZERO;
    /** When the open gap began (it may pass through RECONNECTING and DISCONNECTED); null when connected. */
    private Instant gapSince;
    /** The last message before the latest gap began: what was published after it may not have arrived. */
    private Instant lastMessageBeforeGap;

    StatusTracker(Clock clock) {
        this(clock, () -> null);
    }

    /** @param lastMessage when the last message arrived (null before the first), read when a gap begins */
    StatusTracker(Clock clock, Supplier<Instant> lastMessage) {
        this.clock = clock;
        this.lastMessage = lastMessage;
        this.current = ConnectionStatus.initial(clock.instant());
    }

    synchronized ConnectionStatus current() {
        return current;
    }

    /** Adds a listener and gives it the current status at once; closing the result removes it. */
    synchronized AutoCloseable subscribe(Consumer<ConnectionStatus> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        deliver(listener, current);
        return () -> listeners.remove(listener);
    }

    /** Subscribed and the server answered. */
    synchronized void connected(String server, String detail) {
        move(ConnectionState.CONNECTED, server, detail);
    }

    /**
     * The link is down and the client is retrying. Only a live connection becomes RECONNECTING; before the first
     * connection the state stays CONNECTING, and after giving up it stays DISCONNECTED until a connection succeeds.
     */
    synchronized void lost(String detail) {
        ConnectionState next = current.state() == ConnectionState.CONNECTED ? ConnectionState.RECONNECTING
                : current.state();
        move(next, current.server(), detail);
    }

    /** The client stopped trying on its own (e.g. authorization refused twice); a fresh attempt comes later. */
    synchronized void gaveUp(String detail) {
        move(ConnectionState.DISCONNECTED, current.server(), detail);
    }

    /** Closed on request. Final: later reports are ignored. */
    synchronized void closed() {
        move(ConnectionState.CLOSED, current.server(), "closed");
    }

    /** Newer detail for the current state (e.g. the latest connect error), without notifying. */
    synchronized void note(String detail) {
        if (current.state() != ConnectionState.CLOSED && !detail.isEmpty()) {
            current = new ConnectionStatus(current.state(), current.server(), current.since(), detail,
                    disconnections, timeDisconnected, lastMessageBeforeGap);
        }
    }

    private void move(ConnectionState state, String server, String detail) {
        if (current.state() == ConnectionState.CLOSED) {
            return;
        }
        if (current.state() == state) {
            current = new ConnectionStatus(state, server, current.since(), detail.isEmpty() ? current.detail() : detail,
                    disconnections, timeDisconnected, lastMessageBeforeGap);
            return;
        }
        Instant now = clock.instant();
        if (current.state() == ConnectionState.CONNECTED && state != ConnectionState.CLOSED) {
            disconnections++; // a gap begins: it lasts until the next CONNECTED
            gapSince = now;
            lastMessageBeforeGap = lastMessage.get();
        } else if (state == ConnectionState.CONNECTED && gapSince != null) {
            timeDisconnected = timeDisconnected.plus(Duration.between(gapSince, now));
            gapSince = null;
        }
        current = new ConnectionStatus(state, server, now, detail, disconnections, timeDisconnected,
                lastMessageBeforeGap);
        for (Consumer<ConnectionStatus> listener : listeners) {
            deliver(listener, current);
        }
    }

    private static void deliver(Consumer<ConnectionStatus> listener, ConnectionStatus status) {
        try {
            listener.accept(status);
        } catch (RuntimeException e) {
            // one faulty listener must not stop the others or the connection thread that reported the change
        }
    }
}
