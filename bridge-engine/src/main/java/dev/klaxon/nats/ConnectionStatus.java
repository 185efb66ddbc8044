package dev.klaxon.nats;

import java.time.Instant;

/**
 * The connection state and since when; {@code server} is the URL in use (null when none), {@code detail} a short
 * human explanation such as the last connect error (never contains credentials).
 */
public record ConnectionStatus(ConnectionState state, String server, Instant since, String detail) {
    public static ConnectionStatus initial(Instant now) {
        return new ConnectionStatus(ConnectionState.CONNECTING, null, now, "starting");
    }
}
