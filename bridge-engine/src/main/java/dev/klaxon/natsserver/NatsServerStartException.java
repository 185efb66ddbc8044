package dev.klaxon.natsserver;

import java.io.IOException;

/** A {@code nats-server} process did not come up; the message carries the end of its log. */
public final class NatsServerStartException extends IOException {

    private final boolean portConflict;

    public NatsServerStartException(String message, boolean portConflict) {
        super(message);
        this.portConflict = portConflict;
    }

    /** The port was taken by someone else, so another port may well work. */
    public boolean portConflict() {
        return portConflict;
    }
}
