package dev.klaxon.nats;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The connection state and since when; {@code server} is the URL in use (null when none), {@code detail} a short
 * human explanation such as the last connect error (never contains credentials).
 *
 * <p>The gaps: {@code disconnections} counts the times an established connection was lost (a server restart, a
 * network stall the pings caught), and {@code timeDisconnected} adds up how long each such gap lasted until a
 * connection was made again; a gap still open is not in it yet. A gap is timed from when the client noticed it: a
 * server that hangs, or a network path that silently drops packets, is noticed only when pings go unanswered (up
 * to about three ping intervals), so {@code lastMessageBeforeGap} says when the last message arrived before the
 * latest gap began (null when none had). On core NATS what was published during a gap did not reach this bridge.
 * Closing on request is not a gap.
 */
public record ConnectionStatus(ConnectionState state, String server, Instant since, String detail,
                               long disconnections, Duration timeDisconnected, Instant lastMessageBeforeGap) {
    public ConnectionStatus {
        Objects.requireNonNull(timeDisconnected, "timeDisconnected");
    }

    /** A status without gaps. */
    public ConnectionStatus(ConnectionState state, String server, Instant since, String detail) {
        this(state, server, since, detail, 0, Duration.ZERO, null);
    }

    public static ConnectionStatus initial(Instant now) {
        return new ConnectionStatus(ConnectionState.CONNECTING, null, now, "starting");
    }

}
