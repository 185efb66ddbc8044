package dev.klaxon.nats;

import java.time.Duration;
import java.util.Objects;

/**
 * How the ingest treats its NATS connection: the knobs that are not user configuration but matter for operations
 * (and that tests turn down to stay fast).
 *
 * @param connectionName      shown by the server ({@code nats server report connections}) to find the bridge
 * @param reconnectWaitMin    first wait after a round of failed connects; doubles per round ...
 * @param reconnectWaitMax    ... up to this, plus up to a quarter of random jitter
 * @param connectionTimeout   one connect attempt, TLS handshake included
 * @param pingInterval        how often the client checks a quiet connection is alive (half-open sockets)
 * @param pendingMessageLimit messages the client buffers for the dispatcher before it drops and reports slow consumer
 * @param pendingByteLimit    the same limit in bytes
 * @param restartDelay        wait before a fresh connection after the client gave up (e.g. authorization refused)
 * @param closeTimeout        bound on draining and closing in {@link NatsIngest#close()}
 * @param maxControlLine      longest protocol line (such as {@code MSG subject sid size}) the client takes from the
 *                            server or sends to it, in bytes. The client's own default is 4 KB, the server's default
 *                            too, but an operator may raise the server's {@code max_control_line}; the client then
 *                            dropped the connection on a longer subject, losing everything buffered behind it. So
 *                            this is generous: a long subject arrives and is rejected as absurd, one message alone.
 *                            It costs about three times this in memory per connection, once.
 */
public record IngestSettings(String connectionName, Duration reconnectWaitMin, Duration reconnectWaitMax,
                             Duration connectionTimeout, Duration pingInterval, long pendingMessageLimit,
                             long pendingByteLimit, Duration restartDelay, Duration closeTimeout,
                             int maxControlLine) {
    /** The default {@link #maxControlLine()}: 1 MiB, past any subject a sane server setting lets through. */
    public static final int DEFAULT_MAX_CONTROL_LINE = 1 << 20;

    public IngestSettings {
        Objects.requireNonNull(connectionName, "connectionName");
        requirePositive(reconnectWaitMin, "reconnectWaitMin");
        requirePositive(reconnectWaitMax, "reconnectWaitMax");
        requirePositive(connectionTimeout, "connectionTimeout");
        requirePositive(pingInterval, "pingInterval");
        requirePositive(restartDelay, "restartDelay");
        requirePositive(closeTimeout, "closeTimeout");
        if (reconnectWaitMax.compareTo(reconnectWaitMin) < 0) {
            throw new IllegalArgumentException("reconnectWaitMax < reconnectWaitMin");
        }
        if (pendingMessageLimit <= 0 || pendingByteLimit <= 0) {
            throw new IllegalArgumentException("pending limits must be positive");
        }
        if (maxControlLine <= 0) {
            throw new IllegalArgumentException("maxControlLine must be positive");
        }
    }

    /**
     * Production defaults. Pings every 5 s: a hung server or a path that silently drops packets keeps the socket
     * open, and only unanswered pings (two outstanding) reveal it; at 20 s that took 40–70 s of deafness while the
     * status said connected (measured 69.6 s), at 5 s it takes 15–20 s (measured 19.6 s), for one tiny PING/PONG
     * every 5 s.
     * The pending limits are set explicitly rather than left to the client's 512k messages / 64 MiB: our handler
     * only hands off, so a deep client buffer would only hide a stalled engine for longer.
     */
    public static IngestSettings defaults() {
        return new IngestSettings("klaxon-bridge", Duration.ofMillis(250), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(5), 100_000, 64L * 1024 * 1024,
                Duration.ofSeconds(15), Duration.ofSeconds(2), DEFAULT_MAX_CONTROL_LINE);
    }

    public IngestSettings withReconnectWait(Duration min, Duration max) {
        return new IngestSettings(connectionName, min, max, connectionTimeout, pingInterval, pendingMessageLimit,
                pendingByteLimit, restartDelay, closeTimeout, maxControlLine);
    }

    public IngestSettings withRestartDelay(Duration delay) {
        return new IngestSettings(connectionName, reconnectWaitMin, reconnectWaitMax, connectionTimeout, pingInterval,
                pendingMessageLimit, pendingByteLimit, delay, closeTimeout, maxControlLine);
    }

    public IngestSettings withConnectionTimeout(Duration timeout) {
        return new IngestSettings(connectionName, reconnectWaitMin, reconnectWaitMax, timeout, pingInterval,
                pendingMessageLimit, pendingByteLimit, restartDelay, closeTimeout, maxControlLine);
    }

    public IngestSettings withPendingLimits(long messages, long bytes) {
        return new IngestSettings(connectionName, reconnectWaitMin, reconnectWaitMax, connectionTimeout, pingInterval,
                messages, bytes, restartDelay, closeTimeout, maxControlLine);
    }

    public IngestSettings withMaxControlLine(int bytes) {
        return new IngestSettings(connectionName, reconnectWaitMin, reconnectWaitMax, connectionTimeout, pingInterval,
                pendingMessageLimit, pendingByteLimit, restartDelay, closeTimeout, bytes);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
