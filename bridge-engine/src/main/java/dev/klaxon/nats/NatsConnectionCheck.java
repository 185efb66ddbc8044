package dev.klaxon.nats;

import dev.klaxon.config.NatsConfig;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Tries the {@code nats:} settings once: one connect attempt per configured server, with the same authentication and
 * TLS the bridge would use, then disconnects. Blocks for up to about {@code timeout} per server: call it off any UI
 * thread. What it says is safe to show (no secret, no credentials from a URL).
 */
public final class NatsConnectionCheck {
    private final UnaryOperator<String> environment;
    private final Duration timeout;
    private final Clock clock;

    /** @param environment where secrets given by environment variable are read */
    public NatsConnectionCheck(UnaryOperator<String> environment, Duration timeout, Clock clock) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @param ok true when a server accepted the connection; {@code message} says which, or why none did */
    public record Result(boolean ok, String message) {
    }

    public Result check(NatsConfig config) {
        Options options;
        AtomicReference<String> serverError = new AtomicReference<>();
        AtomicReference<String> clientError = new AtomicReference<>();
        try {
            options = new NatsOptionsFactory(config, environment, IngestSettings.defaults())
                    .buildOneAttempt(timeout, new Problems(serverError, clientError));
        } catch (NatsSetupException e) {
            return new Result(false, e.getMessage());
        }
        Instant started = clock.instant();
        try (Connection connection = Nats.connect(options)) {
            long millis = Duration.between(started, clock.instant()).toMillis();
            String version = connection.getServerInfo() == null ? "" : " (nats-server "
                    + SafeText.of(connection.getServerInfo().getVersion()) + ")";
            return new Result(true, "connected to " + SafeText.url(connection.getConnectedUrl()) + version + " in "
                    + millis + " ms");
        } catch (IOException | RuntimeException e) {
            // What the server said (e.g. "Authorization Violation") explains more than the client's timeout after it.
            String said = serverError.get() != null ? serverError.get() : clientError.get();
            return new Result(false, failure(config, e, said));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted while connecting");
        }
    }

    /**
     * Connects once with the bridge's authentication and TLS, for a command that works on the connection and closes
     * it ({@code team status}).
     *
     * @throws IOException with what the server or client said when no server accepted the connection
     */
    public Connection open(NatsConfig config) throws IOException, InterruptedException {
        AtomicReference<String> serverError = new AtomicReference<>();
        AtomicReference<String> clientError = new AtomicReference<>();
        Options options;
        try {
            options = new NatsOptionsFactory(config, environment, IngestSettings.defaults())
                    .buildOneAttempt(timeout, new Problems(serverError, clientError));
        } catch (NatsSetupException e) {
            throw new IOException(e.getMessage(), e);
        }
        try {
            return Nats.connect(options);
        } catch (IOException | RuntimeException e) {
            String said = serverError.get() != null ? serverError.get() : clientError.get();
            throw new IOException(failure(config, e, said), e);
        }
    }

    private static String failure(NatsConfig config, Exception e, String lastProblem) {
        String servers = config.servers().stream().map(SafeText::url).reduce((a, b) -> a + ", " + b).orElse("");
        String reason = lastProblem != null ? lastProblem : SafeText.of(e);
        if (reason.toLowerCase(java.util.Locale.ROOT).contains("authorization")) {
            return "the server refused the credentials (" + reason + "); tried " + servers;
        }
        return "could not connect to " + servers + ": " + reason;
    }

    /** Keeps what the server and the client report while trying, instead of letting the client print it. */
    private record Problems(AtomicReference<String> server, AtomicReference<String> last) implements ErrorListener {
        @Override
        public void errorOccurred(Connection conn, String error) {
            server.compareAndSet(null, SafeText.of(error));
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            Throwable cause = exp;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String text = SafeText.of(cause);
            last.set(cause == exp ? text : cause.getClass().getSimpleName() + ": " + text);
        }
    }
}
