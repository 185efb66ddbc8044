package dev.klaxon.natsserver;

import java.io.IOException;

/** No {@code nats-server} binary on this machine. The message is one line a user can act on. */
public final class NatsServerNotFoundException extends IOException {
    public NatsServerNotFoundException() {
        super("nats-server not found: install it with \"sudo apt-get install nats-server\"");
    }
}
