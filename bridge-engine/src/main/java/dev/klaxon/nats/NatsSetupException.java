package dev.klaxon.nats;

/**
 * The NATS settings cannot be turned into a connection (a secret is missing, a TLS or key file is unusable, a server
 * URL is malformed). The message names the setting or file and the problem, never a secret's value.
 */
public final class NatsSetupException extends RuntimeException {
    public NatsSetupException(String message) {
        super(message);
    }
}
