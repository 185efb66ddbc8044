package dev.klaxon.nats;

import dev.klaxon.config.NatsAuth;
import dev.klaxon.config.NatsConfig;
import dev.klaxon.secret.SecretRef;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * Turns the {@code nats:} configuration into jnats {@link Options}. Secrets are resolved here, at connect time, so a
 * rotated secret is picked up by the next connection; their values go straight into the client and nowhere else.
 * The token, the creds file and the NKey seed are read again at every reconnect of the same client; a password only
 * when a fresh client starts (jnats 2.26 has no password supplier), so {@link #passwordChanged} tells a client that
 * has lost its server that its password is no longer the configured one and a fresh client should take over.
 */
final class NatsOptionsFactory {

    private static final Logger LOG = Logger.getLogger(NatsOptionsFactory.class.getName());

    private final NatsConfig config;
    private final UnaryOperator<String> environment;
    private final IngestSettings settings;

    NatsOptionsFactory(NatsConfig config, UnaryOperator<String> environment, IngestSettings settings) {
        this.config = config;
        this.environment = environment;
        this.settings = settings;
    }

    /** @throws NatsSetupException when a secret, file or server URL cannot be used (message safe to show) */
    Options build(ConnectionListener connectionListener, ErrorListener errorListener) {
        if (config.servers().isEmpty()) {
            throw new NatsSetupException("nats.servers: at least one server is needed");
        }
        Options.Builder builder = new Options.Builder()
                .connectionName(settings.connectionName())
                .maxReconnects(-1)
                .reconnectDelayHandler(new ReconnectBackoff(settings.reconnectWaitMin(), settings.reconnectWaitMax(),
                        new Random()))
                .connectionTimeout(settings.connectionTimeout())
                .pingInterval(settings.pingInterval())
                .maxControlLine(settings.maxControlLine())
                .connectionListener(connectionListener)
                .errorListener(errorListener);
        return finish(builder);
    }

    /**
     * True when the configured password (its file read now) differs from the one {@code options} connect with. A
     * password that cannot be read now (a rotation caught half way) counts as unchanged: the next look decides.
     */
    boolean passwordChanged(Options options) {
        if (!(config.auth() instanceof NatsAuth.UserPassword user) || options.getPassword() == null) {
            return false;
        }
        String now;
        try {
            now = user.password().resolve(environment);
        } catch (SecretRef.SecretUnavailableException e) {
            return false;
        }
        return !now.equals(options.getPassword());
    }

    /**
     * Options for one connect attempt per server and no reconnecting, with the same servers, authentication and TLS
     * as {@link #build}: what a connection test needs.
     *
     * @throws NatsSetupException as {@link #build} does
     */
    Options buildOneAttempt(Duration timeout, ErrorListener errorListener) {
        if (config.servers().isEmpty()) {
            throw new NatsSetupException("nats.servers: at least one server is needed");
        }
        return finish(new Options.Builder()
                .connectionName(settings.connectionName() + " (connection test)")
                .noReconnect()
                .connectionTimeout(timeout)
                .errorListener(errorListener));
    }

    private Options finish(Options.Builder builder) {
        servers(builder);
        authenticate(builder, config.auth());
        if (config.tls() != null) {
            builder.sslContext(PemSslContext.create(config.tls(), environment));
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new NatsSetupException("nats: invalid client settings (" + SafeText.of(e) + ")");
        }
    }

    private void servers(Options.Builder builder) {
        for (String server : config.servers()) {
            try {
                builder.server(server);
            } catch (IllegalArgumentException e) {
                throw new NatsSetupException("nats.servers: " + SafeText.url(server) + " is not a valid server URL");
            }
        }
    }

    private void authenticate(Options.Builder builder, NatsAuth auth) {
        if (auth instanceof NatsAuth.Token token) {
            builder.tokenSupplier(new RereadToken(token.token(), resolve("nats.token", token.token())));
        } else if (auth instanceof NatsAuth.UserPassword user) {
            builder.userInfo(user.user().toCharArray(), resolve("nats.password", user.password()).toCharArray());
        } else if (auth instanceof NatsAuth.CredsFile creds) {
            CredsFileAuthHandler handler = new CredsFileAuthHandler(readable("nats.creds_file", creds.file()));
            handler.check();
            builder.authHandler(handler);
        } else if (auth instanceof NatsAuth.NKeySeedFile seed) {
            NKeySeedAuthHandler handler = new NKeySeedAuthHandler(readable("nats.nkey_seed_file", seed.file()));
            handler.check();
            builder.authHandler(handler);
        }
    }

    /**
     * The token as its file or variable holds it at each (re)connect, so a rotated {@code token_file} is used by the
     * next reconnect (jnats asks at every CONNECT). A token that cannot be read then (a rotation caught between
     * delete and write) falls back to the one read last, with a warning naming the file, never the value.
     */
    private final class RereadToken implements Supplier<char[]> {
        private final SecretRef secret;
        private volatile String lastRead;

        RereadToken(SecretRef secret, String firstRead) {
            this.secret = secret;
            this.lastRead = firstRead;
        }

        @Override
        public char[] get() {
            try {
                lastRead = resolve("nats.token", secret);
            } catch (NatsSetupException e) {
                LOG.warning(e.getMessage() + "; reconnecting with the token read before");
            }
            return lastRead.toCharArray();
        }
    }

    private String resolve(String setting, SecretRef secret) {
        try {
            return secret.resolve(environment);
        } catch (SecretRef.SecretUnavailableException e) {
            throw new NatsSetupException(setting + ": " + e.getMessage());
        }
    }

    private static Path readable(String setting, Path file) {
        if (!Files.isReadable(file)) {
            throw new NatsSetupException(setting + " " + file + " cannot be read");
        }
        return file;
    }
}
